// Placeholder: replaced by the engine child process entry (issue 3).
export {};
