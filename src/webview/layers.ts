// The sidebar's Layers section: the layer table in call order, indented by depth, with a depth control and folding.
import type { LayerViewRow } from '../protocol/layerView';
import { activatable, bar, el } from './dom';
import type { Post } from './sections';

/** What the user chose: the depth shown, and rows opened or closed by hand (by path). */
export interface LayerState {
  readonly depth: number;
  readonly opened: readonly string[];
  readonly closed: readonly string[];
}

export const defaultLayerState: LayerState = { depth: 2, opened: [], closed: [] };

function isOpen(row: LayerViewRow, s: LayerState): boolean {
  if (s.opened.includes(row.path)) return true;
  return row.depth < s.depth && !s.closed.includes(row.path);
}

/** The rows whose every ancestor is open. */
export function visibleLayers(rows: readonly LayerViewRow[], s: LayerState): LayerViewRow[] {
  const out: LayerViewRow[] = [];
  const open: boolean[] = []; // open[d]: the current ancestor at depth d is open
  for (const row of rows) {
    open.length = row.depth;
    if (open.every(Boolean)) out.push(row);
    open[row.depth] = isOpen(row, s);
  }
  return out;
}

function toggle(row: LayerViewRow, s: LayerState): LayerState {
  const opened = s.opened.filter((p) => p !== row.path);
  const closed = s.closed.filter((p) => p !== row.path);
  if (isOpen(row, s)) return { ...s, opened, closed: row.depth < s.depth ? [...closed, row.path] : closed };
  return { ...s, closed, opened: row.depth < s.depth ? opened : [...opened, row.path] };
}

function layerRow(row: LayerViewRow, s: LayerState, post: Post, onState: (s: LayerState) => void): HTMLElement {
  const open = isOpen(row, s);
  const twisty = row.hasChildren
    ? el(
        'button',
        {
          type: 'button',
          class: 'twisty',
          'aria-expanded': String(open),
          'aria-label': `${open ? 'Collapse' : 'Expand'} ${row.path || row.type}`,
        },
        open ? '▾' : '▸',
      )
    : el('span', { class: 'twisty' });
  twisty.addEventListener('click', (event) => {
    event.stopPropagation();
    if (row.hasChildren) onState(toggle(row, s));
  });
  const params = row.tiedWith && row.paramsExact !== '0' ? `${row.paramsText} (tied)` : row.paramsText;
  const called =
    row.callLine > 0
      ? el(
          'a',
          { class: 'call-link', href: '#', title: `Reveal the line that calls ${row.path || row.type}` },
          `⤷ Ln ${row.callLine}`,
        )
      : undefined;
  called?.addEventListener('click', (event) => {
    event.preventDefault();
    event.stopPropagation();
    post({ type: 'reveal', line: row.callLine });
  });
  const node = el(
    'li',
    {
      class: 'layer-row',
      'data-path': row.path,
      'data-depth': String(row.depth),
      title: `${row.path || row.type}: ${row.type}${row.line ? ` (built on line ${row.line})` : ''}\n${row.shapesTitle}${row.tiedWith ? `\ntied with ${row.tiedWith}` : ''}`,
    },
    el(
      'span',
      { class: 'layer-name' },
      twisty,
      el('strong', {}, row.name),
      el('span', { class: 'muted' }, row.depth ? ` ${row.type}` : ''),
    ),
    el('span', { class: 'num layer-params', title: `${row.paramsExact} params` }, params),
    el('span', { class: 'num layer-flops', title: row.macsText }, row.flopsText),
    el('span', { class: 'shape' }, [row.shape, row.calls].filter(Boolean).join(' · ')),
    called ?? el('span', {}),
    bar(row.share, `${(row.share * 100).toFixed(1)}% of FLOPs`),
  );
  node.style.paddingLeft = `${2 + row.depth * 12}px`; // a style property: the CSP forbids style attributes
  return row.line > 0 ? activatable(node, () => post({ type: 'reveal', line: row.line })) : node;
}

export function layersSection(
  rows: readonly LayerViewRow[],
  s: LayerState,
  post: Post,
  onState: (s: LayerState) => void,
): HTMLElement | undefined {
  if (!rows.length) return undefined;
  const deepest = rows.reduce((d, r) => Math.max(d, r.depth), 0);
  const depthButton = (d: number, label: string): HTMLElement => {
    const active = s.depth === d && !s.opened.length && !s.closed.length;
    const b = el(
      'button',
      { type: 'button', class: `sort${active ? ' active' : ''}`, 'aria-pressed': String(active) },
      label,
    );
    b.addEventListener('click', () => onState({ depth: d, opened: [], closed: [] }));
    return b;
  };
  const depths = [...Array(Math.min(deepest, 4)).keys()].map((d) => depthButton(d + 1, String(d + 1)));
  if (deepest > 4) depths.push(depthButton(deepest, 'all'));
  const shown = visibleLayers(rows, s);
  return el(
    'section',
    { class: 'layers' },
    el('h2', {}, `Layers (${rows.length} modules)`),
    el('div', { class: 'sort-bar', role: 'group', 'aria-label': 'Depth shown' }, 'Depth:', ...depths),
    el(
      'div',
      { class: 'layer-legend', 'aria-hidden': 'true' },
      el('span', {}, 'module · output shape'),
      el('span', { class: 'num' }, 'params'),
      el('span', { class: 'num' }, 'FLOPs'),
    ),
    el('ol', { class: 'layer-rows' }, ...shown.map((r) => layerRow(r, s, post, onState))),
  );
}

/** When no model ran: the models the file offers, and a button to pick one. */
export function candidatesNote(candidates: readonly string[], post: Post): HTMLElement | undefined {
  if (!candidates.length) return undefined;
  const pick = el('button', { type: 'button' }, 'Pick a model to analyze…');
  pick.addEventListener('click', () => post({ type: 'runCommand', command: 'flopscope.pickEntry' }));
  const listed = candidates.slice(0, 8).join(', ') + (candidates.length > 8 ? ', …' : '');
  return el(
    'section',
    { class: 'candidates' },
    el('h2', {}, 'No model ran'),
    el('p', {}, `This file defines models but runs none. It offers: ${listed}.`),
    pick,
  );
}
