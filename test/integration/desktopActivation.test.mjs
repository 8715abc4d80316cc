// Loads the desktop bundle (dist/extension.js) in plain Node against a permissive stand-in for the `vscode`
// module and activates it: catches Node-only breakage (bundling, top-level code) without a VS Code binary.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const bundle = new URL('../../dist/extension.js', import.meta.url).pathname;
const names = [
  'window',
  'workspace',
  'languages',
  'commands',
  'EventEmitter',
  'Disposable',
  'Uri',
  'Range',
  'Position',
  'Selection',
  'ThemeColor',
  'MarkdownString',
  'Hover',
  'Diagnostic',
  'DiagnosticSeverity',
  'CodeAction',
  'CodeActionKind',
  'StatusBarAlignment',
  'ConfigurationTarget',
  'FileType',
  'ViewColumn',
  'TextEditorRevealType',
  'DecorationRangeBehavior',
];

/** Every property is another stand-in, every call returns one; lists the API is asked for are empty. */
function standIn(path, calls) {
  return new Proxy(function () {}, {
    get(target, prop) {
      if (prop === 'then') return undefined;
      if (['visibleTextEditors', 'textDocuments', 'workspaceFolders'].includes(prop)) return [];
      if (prop === 'activeTextEditor') return undefined;
      return standIn(`${path}.${String(prop)}`, calls);
    },
    apply(target, self, args) {
      calls.push({ path, args });
      return /Message$/.test(path) ? Promise.resolve(undefined) : standIn(`${path}()`, calls);
    },
    construct: () => standIn(`new ${path}`, calls),
    set: () => true,
    ownKeys: (target) =>
      path === 'vscode' ? [...new Set([...names, ...Reflect.ownKeys(target)])] : Reflect.ownKeys(target),
    getOwnPropertyDescriptor: (target, prop) =>
      path === 'vscode' && names.includes(prop)
        ? { configurable: true, enumerable: true, value: standIn(`vscode.${prop}`, calls) }
        : Reflect.getOwnPropertyDescriptor(target, prop),
  });
}

test(
  'the desktop bundle activates in Node and registers its features',
  { skip: !existsSync(bundle) && 'dist/extension.js not built' },
  () => {
    const calls = [];
    const Module = require('node:module');
    const load = Module._load;
    Module._load = function (request, ...rest) {
      return request === 'vscode' ? standIn('vscode', calls) : load.call(this, request, ...rest);
    };
    try {
      const extension = require(bundle);
      const context = {
        subscriptions: [],
        workspaceState: { get: () => undefined, update: async () => {} },
        extensionUri: standIn('extensionUri', calls),
      };
      extension.activate(context);
      const errors = calls.filter((c) => /showErrorMessage|\.error$/.test(c.path)).map((c) => String(c.args[0]));
      assert.deepEqual(errors, [], 'activation reported errors');
      const registered = calls.filter((c) => /register/.test(c.path)).map((c) => String(c.args[0]));
      // Trust granted later: the restricted settings and the Python environment are read again.
      const grant = calls.find((c) => c.path === 'vscode.workspace.onDidGrantWorkspaceTrust');
      assert.ok(grant && typeof grant.args[0] === 'function', 'no onDidGrantWorkspaceTrust listener');
      const before = calls.length;
      grant.args[0]();
      const after = calls.slice(before);
      assert.ok(
        after.some((c) => /\.info$/.test(c.path) && /workspace trusted/.test(String(c.args[0]))),
        `no log line on trust: ${after.map((c) => c.path).join(', ')}`,
      );
      assert.ok(
        after.some((c) => c.path === 'vscode.workspace.getConfiguration' && c.args[0] === 'flopscope.python'),
        'the Python environment was not read again on trust',
      );
      for (const id of [
        'flopscope.showReport',
        'flopscope.exportReport',
        'flopscope.setInput',
        'flopscope.toggleAnnotations',
        'flopscope.selectConvention',
        'flopscope.selectPrecision',
        'flopscope.sidebar',
        'flopscope-report',
      ]) {
        assert.ok(registered.includes(id), `${id} is not registered (${registered.join(', ')})`);
      }
    } finally {
      Module._load = load;
    }
  },
);
