// The Markdown helpers live in core (the CLI's Markdown reports use them too).
export { codeBlock, escapeMarkdown, inlineCode } from '../../core/report/markdown';
