// DOM building with text only: every string from a server, a file or a scenario goes through
// textContent, never through HTML parsing, so `<img src=x onerror=...>` is shown as those characters.

type Attributes = Record<string, string | undefined>;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  children: Array<Node | string> = [],
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== undefined) element.setAttribute(name, value);
  }
  for (const child of children) element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  return element;
}

/** Replaces an element's children (text is set as text). */
export function replaceChildren(parent: Element, children: Array<Node | string>): void {
  parent.replaceChildren(...children.map((child) => (typeof child === 'string' ? document.createTextNode(child) : child)));
}

export function setText(element: Element, text: string): void {
  if (element.textContent !== text) element.textContent = text;
}
