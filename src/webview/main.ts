// Sidebar webview entry: handshake with the host, render the view model, keep UI state with getState/setState.
import type { HostMessage, WebviewMessage } from '../protocol/messages';
import type { ViewModel } from '../protocol/viewModel';
import { el } from './dom';
import { candidatesNote, defaultLayerState, layersSection, type LayerState } from './layers';
import {
  chart,
  ledgerBar,
  diagnosticsList,
  headline,
  inputsForm,
  lineTable,
  moduleTree,
  summaryTable,
  type SortKey,
} from './sections';

interface VsCodeApi {
  postMessage(message: WebviewMessage): void;
  getState(): State | undefined;
  setState(state: State): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

interface State {
  model?: ViewModel;
  layers?: LayerState;
  empty?: string;
  sort: SortKey;
  inputError: string;
}

const vscode = acquireVsCodeApi();
let state: State = vscode.getState() ?? { sort: 'flops', inputError: '' };
const root = document.getElementById('root') as HTMLElement;
const status = document.getElementById('status') as HTMLElement;
const post = (message: WebviewMessage): void => vscode.postMessage(message);

function actions(): HTMLElement {
  const button = (
    label: string,
    command: 'flopscope.showReport' | 'flopscope.exportReport' | 'flopscope.toggleAnnotations',
  ): HTMLElement => {
    const b = el('button', { type: 'button', class: 'secondary' }, label);
    b.addEventListener('click', () => post({ type: 'runCommand', command }));
    return b;
  };
  return el(
    'div',
    { class: 'actions' },
    button('Report', 'flopscope.showReport'),
    button('Export…', 'flopscope.exportReport'),
    button('Annotations', 'flopscope.toggleAnnotations'),
  );
}

function render(): void {
  vscode.setState(state);
  const model = state.model;
  if (!model) {
    root.replaceChildren(el('p', { class: 'muted' }, state.empty ?? 'Open a Python or TS/JS model file.'));
    return;
  }
  const focused = document.activeElement?.id;
  root.replaceChildren(
    el('header', {}, el('h1', { title: model.fileName }, model.fileName), el('p', { class: 'muted' }, model.settings)),
    headline(model.headline, model.partialReasons),
    candidatesNote(model.candidates ?? [], post) ?? '',
    inputsForm(model, post, state.inputError),
    ledgerBar(model.ledger),
    chart(model.chart, post),
    lineTable(
      model.lines,
      state.sort,
      (sort) => {
        state = { ...state, sort };
        render();
      },
      post,
    ),
    layersSection(model.layers ?? [], state.layers ?? defaultLayerState, post, (layers) => {
      state = { ...state, layers };
      render();
    }) ??
      moduleTree(model.modules, post) ??
      '',
    summaryTable('Compute', model.compute),
    summaryTable('Memory', model.memory),
    diagnosticsList(model, post),
    actions(),
  );
  if (focused) document.getElementById(focused)?.focus();
}

window.addEventListener('message', (event: MessageEvent<HostMessage>) => {
  const message = event.data;
  if (message.type === 'update') {
    state = { ...state, model: message.model, empty: undefined, inputError: '' };
    // One short announcement per update instead of a live region over the whole view.
    status.textContent = `${message.model.fileName}: ${message.model.headline.map((h) => `${h.value} ${h.label}`).join(', ')}${message.model.partial ? ` (${message.model.partial})` : ''}`;
  } else if (message.type === 'empty') state = { ...state, model: undefined, empty: message.reason };
  else if (message.type === 'inputError') state = { ...state, inputError: message.message };
  render();
});

render();
post({ type: 'ready' });
