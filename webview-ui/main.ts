// Placeholder: replaced by the results panel (issue 4).
export {};
