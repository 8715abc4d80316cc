// The in-host integration suite, one bundle for the web and desktop runners: exports run(), driven by the real extension.
import * as vscode from 'vscode';
import { equal, includes, ok, runCases, waitFor, type TestCase } from './assert';

const linear = { shape: '[32, 256]', macs: '6,422,528', flops: '12,853,248' };

/** Which bundle this is (esbuild's define): the desktop one runs in the Node extension host. */
declare const FLOPSCOPE_SUITE_HOST: 'web' | 'desktop';

/** Each copy of a 4M-item list is 32 MB: a real memory blow-up, past a 128 MB cap within a few iterations. */
const memoryHog = 'x = [0] * 4000000\nl = []\nfor i in range(1000):\n    l.append(x + [i])\n';

function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

async function open(name: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceFile(name));
  return vscode.window.showTextDocument(document, { preview: false });
}

interface JsonLine {
  line: number;
  shapes: unknown[];
  shapesText: string[];
  macs: number;
  flops: number;
}
interface JsonReport {
  totals: { params: number; flops: number; macs: number };
  lines: JsonLine[];
  convention: string;
}

async function analysis(uri: vscode.Uri): Promise<{ text: string; json: JsonReport }> {
  const text = await vscode.commands.executeCommand<string | undefined>('flopscope.internal.analysisJson', uri);
  ok(text, 'flopscope.internal.analysisJson returned no result');
  return { text, json: JSON.parse(text) as JsonReport };
}

/** The open document's text (the workspace copy of mlp.py). */
function documentText(uri: vscode.Uri): string {
  const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (!document) throw new Error(`${uri.path} is not open`);
  return document.getText();
}

/** 1-based number of the first line matching `pattern` that is not a comment or a definition; 0 when none. */
function lineOf(text: string, pattern: RegExp): number {
  return text.split('\n').findIndex((l) => pattern.test(l) && !/^\s*(#|def |class )/.test(l)) + 1;
}

async function hoverText(uri: vscode.Uri, line: number): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>(
    'vscode.executeHoverProvider',
    uri,
    new vscode.Position(line - 1, 4),
  );
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
}

const cases: TestCase[] = [
  {
    name: 'extension activates on a Python file',
    fn: async () => {
      await open('mlp.py');
      const extension = vscode.extensions.all.find((e) => e.packageJSON?.name === 'flopscope');
      ok(extension, 'flopscope extension is not installed in this host');
      await waitFor(() => extension.isActive, 10_000, 'activation');
    },
  },
  {
    name: 'JSON report: exact integers; Linear(784, 256) and x @ w on [32, 784]',
    fn: async () => {
      const uri = workspaceFile('mlp.py');
      const { text, json } = await analysis(uri);
      ok(/"flops": \d+/.test(text), 'totals.flops is not an integer literal');
      const linearLine = json.lines.find((l) => l.line === lineOf(documentText(uri), /fc1\(/));
      ok(
        linearLine,
        `no costed line calls fc1; lines: ${JSON.stringify(json.lines.map((l) => [l.line, l.shapes, l.macs]))}`,
      );
      equal(linearLine.macs, 6_422_528, `MACs of line ${linearLine.line}`);
      ok(
        linearLine.shapesText.includes(linear.shape),
        `line ${linearLine.line} shapes ${linearLine.shapesText.join(' ')}`,
      );
      ok(linearLine.flops >= 12_853_248, `forward FLOPs of line ${linearLine.line}: ${linearLine.flops}`);
      const matmulLine = lineOf(documentText(uri), /=\s*x\s*@\s*w\b/);
      if (matmulLine > 0) {
        const m = json.lines.find((l) => l.line === matmulLine);
        ok(m, `x @ w on line ${matmulLine} has no cost`);
        equal(m.flops, 12_845_056, 'x @ w FLOPs (2·32·784·256)');
        equal(m.macs, 6_422_528, 'x @ w MACs');
        includes(await hoverText(uri, matmulLine), '2·32·784·256 = 12,845,056 FLOPs', 'x @ w hover formula');
      }
    },
  },
  {
    name: 'hover over the fc1 line shows shape, MACs, exact FLOPs and the formula',
    fn: async () => {
      const uri = workspaceFile('mlp.py');
      const line = lineOf(documentText(uri), /fc1\(/);
      ok(line > 0, 'mlp.py has no line calling fc1');
      const text = await hoverText(uri, line);
      includes(text, linear.shape, 'hover shape');
      includes(text, linear.macs, 'hover MACs');
      includes(text, linear.flops, 'hover FLOPs of the Linear op');
      includes(text, '2·32·784·256', 'hover formula');
      includes(text, 'Linear', 'hover rule');
    },
  },
  {
    name: 'hover over a line run 12 times (gpt.py attention) states the multi-call rule once, and shows q, k, v',
    fn: async () => {
      const uri = workspaceFile('gpt.py');
      await vscode.workspace.openTextDocument(uri);
      const line = lineOf(documentText(uri), /q, k, v = .*\.split\(/);
      ok(line > 0, 'gpt.py has no `q, k, v = ....split(` line');
      const text = await hoverText(uri, line);
      includes(text, 'Runs 12 times: each formula is for one call; the figures below sum all 12 calls.', 'rule');
      equal(text.split('Runs 12 times').length - 1, 1, 'the rule stated once');
      ok(!text.includes('× 12 calls'), `per-op "× 12 calls" repeats the rule: ${text.slice(0, 400)}`);
      includes(text, '`3 × [B, T, 768]`', 'the three outputs of the split');
    },
  },
  {
    name: 'hover over `class MLP(nn.Module):` sums every instance: parameters and inclusive FLOPs',
    fn: async () => {
      const uri = workspaceFile('mlp.py');
      const line =
        documentText(uri)
          .split('\n')
          .findIndex((l) => /^class MLP\(/.test(l)) + 1;
      ok(line > 0, 'mlp.py has no class MLP');
      const text = await hoverText(uri, line);
      includes(text, 'class `MLP`: 1 instance', 'class hover title');
      includes(text, '269,322', 'class hover params (784·256+256 + 256·256+256 + 256·10+10)');
    },
  },
  {
    name: 'a TF.js file (if the workspace has one) is analyzed by the lazily loaded TS/JS analyzer',
    fn: async () => {
      const files = await vscode.workspace.findFiles('**/*.{ts,js}', '**/node_modules/**', 20);
      let model: vscode.Uri | undefined;
      for (const file of files) {
        if ((await vscode.workspace.openTextDocument(file)).getText().includes('@tensorflow/tfjs')) model = file;
        if (model) break;
      }
      if (!model) return console.log('       (no TF.js file in the workspace: skipped)');
      await vscode.window.showTextDocument(model);
      const text = await vscode.commands.executeCommand<string | undefined>('flopscope.internal.analysisJson', model);
      ok(text, `no analysis for ${model.path} (is dist/tsjs.js built?)`);
      const json = JSON.parse(text) as JsonReport & { language: string };
      equal(json.language, 'tsjs', 'language');
      ok(
        json.lines.some((l) => l.shapes.length > 0),
        `no shapes in ${model.path}: ${text.slice(0, 300)}`,
      );
      if (model.path.endsWith('/tfjs_model.ts'))
        equal(json.totals.params, 203_530, 'params of Dense(784, 256) + Dense(256, 10)');
    },
  },
  {
    name: 'a shape error becomes an error diagnostic on its line',
    fn: async () => {
      const editor = await open('shape_error.py');
      const diagnostics = await waitFor(
        () => {
          const found = vscode.languages
            .getDiagnostics(editor.document.uri)
            .filter((d) => d.source === 'flopscope' && d.severity === vscode.DiagnosticSeverity.Error);
          return found.length ? found : undefined;
        },
        10_000,
        'an error diagnostic in shape_error.py',
      );
      const badLine = editor.document
        .getText()
        .split('\n')
        .findIndex((l) => l.includes('fc(x)'));
      ok(
        diagnostics.some((d) => d.range.start.line === badLine),
        `no error on line ${badLine + 1}: ${diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('; ')}`,
      );
    },
  },
  {
    name: 'showReport opens a read-only report document with totals and lines',
    fn: async () => {
      await open('mlp.py');
      const { json } = await analysis(workspaceFile('mlp.py'));
      await vscode.commands.executeCommand('flopscope.showReport');
      const report = await waitFor(
        () =>
          vscode.workspace.textDocuments.find(
            (d) => d.uri.scheme === 'flopscope-report' && d.uri.query.endsWith('mlp.py'),
          ),
        10_000,
        'the report document',
      );
      const text = report.getText();
      includes(text, 'flopscope report', 'report title');
      includes(text, 'Per line', 'report per-line section');
      includes(text, json.totals.flops.toLocaleString('en-US'), 'report exact forward FLOPs');
      includes(text, linear.shape, 'report shapes');
      equal(report.languageId, 'flopscope-report', 'report language');
    },
  },
  {
    name: 'the MACs convention setting re-analyzes with convention "macs"',
    fn: async () => {
      const config = vscode.workspace.getConfiguration('flopscope.analysis');
      await config.update('convention', 'macs', vscode.ConfigurationTarget.Workspace);
      try {
        const uri = workspaceFile('mlp.py');
        const json = await waitFor(
          async () => ((await analysis(uri)).json.convention === 'macs' ? (await analysis(uri)).json : undefined),
          5_000,
          'convention macs',
        );
        equal(json.convention, 'macs', 'convention');
      } finally {
        await config.update('convention', undefined, vscode.ConfigurationTarget.Workspace);
      }
    },
  },
  {
    name: 'a notebook runs as one program: a model defined in one cell is costed where another cell calls it',
    fn: async () => {
      const code = (text: string) => new vscode.NotebookCellData(vscode.NotebookCellKind.Code, text, 'python');
      const notebook = await vscode.workspace.openNotebookDocument(
        'jupyter-notebook',
        new vscode.NotebookData([
          code('import torch\nimport torch.nn as nn\n%matplotlib inline'),
          new vscode.NotebookCellData(vscode.NotebookCellKind.Markup, '# The model', 'markdown'),
          code(
            'class Net(nn.Module):\n    def __init__(self):\n        super().__init__()\n        self.fc1 = nn.Linear(784, 256)\n\n    def forward(self, x):\n        return self.fc1(x)',
          ),
          code('model = Net()\ny = model(torch.randn(32, 784))\nz = y @ torch.randn(5, 3)'),
        ]),
      );
      await vscode.window.showNotebookDocument(notebook);
      const [imports, , model, use] = notebook.getCells().map((c) => c.document);
      const callHover = await waitFor(
        async () => {
          const text = await hoverText(use.uri, 2);
          return text.includes(linear.flops) ? text : undefined;
        },
        15_000,
        'a hover with the FLOPs of Net on line 2 of the last cell',
      );
      includes(callHover, linear.shape, 'hover on `y = model(...)` shows the shape from the class cell');
      const defHover = await hoverText(model.uri, 4);
      includes(defHover, '200,960', 'hover on `self.fc1 = nn.Linear(784, 256)` in the class cell shows its parameters');
      const errors = await waitFor(
        () => {
          const found = vscode.languages
            .getDiagnostics(use.uri)
            .filter((d) => d.source === 'flopscope' && d.severity === vscode.DiagnosticSeverity.Error);
          return found.length ? found : undefined;
        },
        10_000,
        'the matmul shape error in the last cell',
      );
      equal(errors[0].range.start.line, 2, 'the shape error is on line 3 of its cell');
      const noise = vscode.languages.getDiagnostics(imports.uri).filter((d) => d.source === 'flopscope');
      equal(
        noise.length,
        0,
        `the imports cell (with a %magic) has no diagnostics: ${noise.map((d) => d.message).join('; ')}`,
      );
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    },
  },
  {
    name: 'desktop: a file that exhausts memory ends the analysis process, not the host; it says so, and analyses go on',
    fn: async () => {
      if (FLOPSCOPE_SUITE_HOST !== 'desktop') return; // the web host runs analyses on its own thread
      await open('mlp.py');
      const before = (await analysis(workspaceFile('mlp.py'))).json.totals.flops;
      const config = vscode.workspace.getConfiguration('flopscope.analysis');
      await config.update('memoryLimitMb', 128, vscode.ConfigurationTarget.Workspace);
      const hog = workspaceFile('memory_hog.py');
      try {
        await vscode.workspace.fs.writeFile(hog, new TextEncoder().encode(memoryHog));
        await open('memory_hog.py');
        const diagnostic = await waitFor(
          () => vscode.languages.getDiagnostics(hog).find((d) => /ran out of memory/.test(d.message)),
          90_000,
          'an out-of-memory diagnostic on memory_hog.py',
        );
        includes(diagnostic.message, 'limit 128 MB', 'the diagnostic names the limit');
        includes(diagnostic.message, 'analysis process was restarted', 'the diagnostic says what happened');
        await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      } finally {
        await config.update('memoryLimitMb', undefined, vscode.ConfigurationTarget.Workspace);
        await vscode.workspace.fs.delete(hog).then(undefined, () => undefined);
      }
      // This code runs in the same extension host: it survived. A fresh process analyzes the next file.
      await open('mlp.py');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(workspaceFile('mlp.py'), new vscode.Position(0, 0), '\n');
      await vscode.workspace.applyEdit(edit); // a new version: analyzed now, not served from the cache
      const { json } = await analysis(workspaceFile('mlp.py'));
      equal(json.totals.flops, before, 'FLOPs of mlp.py after the restart');
      await vscode.commands.executeCommand('workbench.action.files.revert');
    },
  },
  {
    name: 'sidebar view and toggle commands run without errors',
    fn: async () => {
      await open('mlp.py');
      await vscode.commands.executeCommand('flopscope.sidebar.focus');
      await vscode.commands.executeCommand('flopscope.toggleAnnotations');
      await vscode.commands.executeCommand('flopscope.toggleAnnotations');
      equal(
        vscode.workspace.getConfiguration('flopscope.annotations').get('enabled'),
        true,
        'annotations enabled after two toggles',
      );
    },
  },
];

export async function run(): Promise<void> {
  console.log('flopscope in-host suite');
  await runCases(cases);
}
