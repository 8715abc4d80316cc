// Sidebar sections rendered from the view model: summary, inputs, chart, per-line table, module tree, diagnostics.
import type { WebviewMessage } from '../protocol/messages';
import type { ChartBar, Ledger, LineRow, ModuleRow, SummaryItem, ViewModel } from '../protocol/viewModel';
import { activatable, bar, el } from './dom';

export type Post = (message: WebviewMessage) => void;
export type SortKey = 'flops' | 'memory' | 'params' | 'line';

/** The summary cards, with the partial mark and its reasons, one per item, under them when the totals are lower bounds. */
export function headline(items: readonly SummaryItem[], reasons: readonly string[] = []): HTMLElement {
  const cards = el(
    'div',
    { class: 'headline' },
    ...items.map((i) =>
      el(
        'div',
        { class: 'card', title: i.exact },
        el('div', { class: 'card-value' }, i.value),
        el('div', { class: 'card-label' }, i.label),
      ),
    ),
  );
  if (!reasons.length) return cards;
  return el(
    'div',
    {},
    cards,
    el(
      'div',
      { class: 'partial', role: 'note' },
      el('p', {}, '⚠ partial: totals are lower bounds'),
      el('ul', {}, ...reasons.map((r) => el('li', {}, r))),
    ),
  );
}

export function summaryTable(title: string, items: readonly SummaryItem[]): HTMLElement {
  const rows = items.map((i) =>
    el('tr', {}, el('th', { scope: 'row' }, i.label), el('td', { class: 'num', title: i.exact }, i.value)),
  );
  return el('section', {}, el('h2', {}, title), el('table', { class: 'summary' }, el('tbody', {}, ...rows)));
}

export function inputsForm(model: ViewModel, post: Post, error: string): HTMLElement {
  const entry = el('input', {
    id: 'entry',
    type: 'text',
    placeholder: model.analyzedEntry || 'Net()',
    'aria-label': 'Entry expression',
  });
  entry.value = model.entry;
  const inputs = el('input', {
    id: 'inputs',
    type: 'text',
    placeholder: model.inputPlaceholder,
    'aria-label': 'Input shapes',
  });
  inputs.value = model.inputText;
  const dims = el('input', {
    id: 'dims',
    type: 'text',
    placeholder: model.dimsPlaceholder,
    'aria-label': 'Symbolic dimension values',
  });
  dims.value = model.dimsText;
  const form = el(
    'form',
    { class: 'inputs' },
    el('label', { for: 'entry' }, 'Entry'),
    entry,
    el('label', { for: 'inputs' }, 'Inputs'),
    inputs,
    el('label', { for: 'dims' }, 'Dims'),
    dims,
    el('button', { type: 'submit' }, 'Analyze'),
    error ? el('p', { class: 'error', role: 'alert' }, error) : undefined,
    el(
      'p',
      { class: 'muted' },
      `Analyzed: ${model.analyzedInputs || 'no inputs'}${model.output ? ` → ${model.output}` : ''}`,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    post({ type: 'setInputs', entry: entry.value, inputs: inputs.value, dims: dims.value });
  });
  return el('section', {}, el('h2', {}, 'Entry and inputs'), form);
}

/** The training-step peak as one stacked bar (weights / gradients / optimizer / activations) with its legend. */
export function ledgerBar(ledger: Ledger): HTMLElement {
  const stack = el('div', {
    class: 'stack',
    role: 'img',
    'aria-label': ledger.parts.map((p) => `${p.label} ${p.text}`).join(', '),
  });
  const legend = el('ul', { class: 'legend' });
  ledger.parts.forEach((p, i) => {
    const seg = el('span', { class: `seg seg-${i}`, title: `${p.label}: ${p.exact}` });
    seg.style.width = `${Math.max(0, Math.min(100, p.share * 100)).toFixed(1)}%`;
    stack.append(seg);
    legend.append(
      el(
        'li',
        { title: p.exact },
        el('span', { class: `swatch seg-${i}` }),
        el('span', {}, p.label),
        el('span', { class: 'num' }, p.text),
      ),
    );
  });
  return el(
    'section',
    {},
    el('h2', {}, `Training step peak: ${ledger.total}`),
    stack,
    legend,
    el('p', { class: 'muted' }, ledger.params),
  );
}

export function chart(bars: readonly ChartBar[], post: Post): HTMLElement {
  const rows = bars.map((b) => {
    const row = el(
      'li',
      { class: 'chart-row' },
      el('span', { class: 'chart-label', title: b.label }, b.label),
      bar(b.share, `${(b.share * 100).toFixed(1)}%`),
      el('span', { class: 'num' }, b.text),
    );
    return b.line > 0 ? activatable(row, () => post({ type: 'reveal', line: b.line })) : row;
  });
  return el(
    'section',
    {},
    el('h2', {}, 'Where the FLOPs go'),
    rows.length ? el('ol', { class: 'chart' }, ...rows) : el('p', { class: 'muted' }, 'No costed lines.'),
  );
}

function compare(key: SortKey): (a: LineRow, b: LineRow) => number {
  if (key === 'line') return (a, b) => a.line - b.line;
  return (a, b) => {
    const d = BigInt(b[key]) - BigInt(a[key]);
    return d > 0n ? 1 : d < 0n ? -1 : a.line - b.line;
  };
}

export function lineTable(
  lines: readonly LineRow[],
  sort: SortKey,
  onSort: (key: SortKey) => void,
  post: Post,
): HTMLElement {
  const sortButton = (key: SortKey, label: string): HTMLElement => {
    const active = sort === key;
    const button = el(
      'button',
      { type: 'button', class: `sort${active ? ' active' : ''}`, 'aria-pressed': String(active) },
      `${label}${active ? (key === 'line' ? ' ▲' : ' ▼') : ''}`,
    );
    button.addEventListener('click', () => onSort(key));
    return button;
  };
  const rows = [...lines].sort(compare(sort)).map((l) =>
    activatable(
      el(
        'li',
        {
          class: 'line-row',
          'data-line': String(l.line),
          'aria-label': `Line ${l.label}: ${l.code}; ${l.shapes}; ${l.flopsText}, ${l.memoryText}, ${l.paramsText} params`,
        },
        el('span', { class: 'ln' }, l.label),
        el('code', { class: 'code', title: l.code }, l.code),
        el(
          'span',
          { class: 'shape', title: l.shapes },
          [l.shapes && `→ ${l.shapes}`, l.calleesText && `+${l.calleesText} in calls`].filter(Boolean).join(' · '),
        ),
        el('span', { class: 'num', title: `${l.flopsText} (${l.macsText})` }, l.flopsShort),
        el('span', { class: 'num' }, l.memoryText),
        el('span', { class: 'num' }, l.paramsText),
        bar(l.share, `${(l.share * 100).toFixed(1)}% of FLOPs`),
      ),
      () => post({ type: 'reveal', line: l.line }),
    ),
  );
  const toolbar = el(
    'div',
    { class: 'sort-bar', role: 'group', 'aria-label': 'Sort lines by' },
    'Sort:',
    sortButton('flops', 'FLOPs'),
    sortButton('memory', 'Memory'),
    sortButton('params', 'Params'),
    sortButton('line', 'Line'),
  );
  const legend = el(
    'div',
    { class: 'line-legend', 'aria-hidden': 'true' },
    el('span', {}, ''),
    el('span', {}, 'share of FLOPs'),
    el('span', { class: 'num' }, 'FLOPs'),
    el('span', { class: 'num' }, 'memory'),
    el('span', { class: 'num' }, 'params'),
  );
  const section = el(
    'section',
    {},
    el('h2', {}, `Per line (${lines.length})`),
    toolbar,
    legend,
    el('ol', { class: 'lines' }, ...rows),
  );
  // The label column fits the widest label (`c2:11` in a notebook, 4-digit lines), so labels never run into the code.
  section.style.setProperty('--ln', `${Math.max(0, ...lines.map((l) => l.label.length))}ch`);
  return section;
}

function moduleItem(m: ModuleRow, post: Post, depth = 0): HTMLElement {
  const label = el(
    'span',
    { class: 'module-label', title: `${m.name}: ${m.type}` },
    el('strong', {}, m.name),
    el('span', { class: 'muted' }, ` ${m.type}`),
  );
  const stats = el('span', { class: 'num' }, `${m.paramsText} params · ${m.flopsText}`);
  const head = el(
    'div',
    { class: 'module-head' },
    label,
    stats,
    bar(m.share, `${(m.share * 100).toFixed(1)}% of FLOPs`),
  );
  if (m.line) {
    activatable(head, () => post({ type: 'reveal', line: m.line as number }));
    head.addEventListener('click', (event) => event.preventDefault()); // reveal, don't toggle the <details>
  }
  if (!m.children.length) return el('li', {}, head);
  const details = el(
    'details',
    depth < 2 ? { open: '' } : {},
    el('summary', {}, head),
    el('ul', {}, ...m.children.map((c) => moduleItem(c, post, depth + 1))),
  );
  return el('li', {}, details);
}

export function moduleTree(modules: readonly ModuleRow[], post: Post): HTMLElement | undefined {
  if (!modules.length) return undefined;
  return el(
    'section',
    {},
    el('h2', {}, 'Modules (inclusive)'),
    el('ul', { class: 'tree' }, ...modules.map((m) => moduleItem(m, post))),
  );
}

export function diagnosticsList(model: ViewModel, post: Post): HTMLElement {
  const items = model.diagnostics.map((d) =>
    activatable(el('li', { class: `diag ${d.severity}` }, `Ln ${d.label} · ${d.severity}: ${d.message}`), () =>
      post({ type: 'reveal', line: d.line }),
    ),
  );
  return el(
    'section',
    {},
    el('h2', {}, 'Diagnostics'),
    items.length ? el('ul', { class: 'diags' }, ...items) : el('p', { class: 'muted' }, 'None.'),
    el('p', { class: 'muted' }, `Coverage: ${model.coverage}`),
  );
}
