#!/usr/bin/env node
// Placeholder: replaced by the CLI (issues 2, 3).
export {};
