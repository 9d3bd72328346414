// A tiny element builder: h('div', { class: 'x', onclick }, child, 'text').
type Attrs = Record<string, string | number | boolean | ((event: Event) => void) | undefined>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    if (typeof value === 'function') el.addEventListener(key.replace(/^on/, ''), value);
    else if (value === true) el.setAttribute(key, '');
    else el.setAttribute(key, String(value));
  }
  append(el, ...children);
  return el;
}

export function append(el: Element, ...children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** A definition list of label/value rows. */
export function facts(rows: [string, Child][], testid?: string): HTMLElement {
  const dl = h('dl', { class: 'facts', 'data-testid': testid });
  for (const [label, value] of rows) append(dl, h('dt', {}, label), h('dd', {}, value));
  return dl;
}
