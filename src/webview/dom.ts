// Tiny DOM helpers: elements built with textContent only (never innerHTML with code-derived text).

type Child = Node | string | undefined | false;

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (name === 'class') node.className = value;
    else node.setAttribute(name, value);
  }
  for (const child of children) {
    if (child === undefined || child === false) continue;
    node.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return node;
}

/** A horizontal bar whose width is `share` of the row (0..1). */
export function bar(share: number, label: string): HTMLElement {
  const fill = el('span', { class: 'bar-fill' });
  fill.style.width = `${Math.max(0, Math.min(100, share * 100)).toFixed(1)}%`;
  return el('span', { class: 'bar', role: 'img', 'aria-label': label }, fill);
}

/** Makes `node` act like a button for mouse and keyboard (Enter / Space). */
export function activatable<T extends HTMLElement>(node: T, onActivate: () => void): T {
  node.tabIndex = 0;
  node.addEventListener('click', onActivate);
  node.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      onActivate();
    }
  });
  return node;
}
