// Breadth over the library corpus (not a test): many timm / torchvision / transformers model constructors, each analyzed
// as a user file importing the library; prints complete / partial / failed per library and the most common reasons.
// Usage: node scripts/corpusBreadth.mjs (ONLY=timm|torchvision|transformers, NAMES=a,b, LIMIT=N; FLOPSCOPE_CORPUS as
// the tests).
import { readFileSync, readdirSync, existsSync, writeFileSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { core } from '../test/unit/core.mjs';
import { corpusSitePackages } from '../test/corpus.mjs';
const site = corpusSitePackages();
const only = process.env.ONLY;
const readFile = (p) => {
  try {
    return readFileSync(p, 'utf8');
  } catch {
    return undefined;
  }
};
const cases = [];
// timm: the first @register_model of each model file.
for (const f of readdirSync(join(site, 'timm/models'))
  .filter((f) => f.endsWith('.py') && !f.startsWith('_'))
  .sort()) {
  const m = /@register_model\s*\ndef (\w+)\(/.exec(readFileSync(join(site, 'timm/models', f), 'utf8'));
  // The input size a model name states (`botnet26t_256`, `swinv2_cr_tiny_384`: 224 fails in PyTorch too), else 224.
  const size = /_(\d{3})(?:_|$)/.exec(m?.[1] ?? '')?.[1] ?? '224';
  if (m)
    cases.push({
      lib: 'timm',
      name: m[1],
      src: `import timm\nimport torch\n\nm = timm.create_model("${m[1]}")\ny = m(torch.randn(1, 3, ${size}, ${size}))\n`,
    });
}
// torchvision: classification builders.
for (const f of [
  'alexnet',
  'convnext',
  'densenet',
  'efficientnet',
  'googlenet',
  'inception',
  'maxvit',
  'mnasnet',
  'mobilenetv2',
  'mobilenetv3',
  'regnet',
  'resnet',
  'shufflenetv2',
  'squeezenet',
  'swin_transformer',
  'vgg',
  'vision_transformer',
]) {
  const text = readFileSync(join(site, `torchvision/models/${f}.py`), 'utf8');
  const m = /__all__ = \[([\s\S]*?)\]/.exec(text);
  const names = m
    ? [...m[1].matchAll(/"(\w+)"/g)].map((x) => x[1]).filter((n) => /^[a-z]/.test(n) && !n.endsWith('Weights'))
    : [];
  for (const n of names.slice(0, 2))
    cases.push({
      lib: 'torchvision',
      name: n,
      src: `import torch\nfrom torchvision.models import ${n}\n\nm = ${n}()\ny = m(torch.randn(1, 3, ${n.startsWith('inception') ? 299 : 224}, ${n.startsWith('inception') ? 299 : 224}))\n`,
    });
}
// transformers: `<X>Model` of each model folder that has a config class, built from the config class its body (or its
// PreTrainedModel base's) declares (`config: XVisionConfig`), else the folder's first, and called on what its
// `main_input_name` says: token ids [1, 16] (plus the same ids as `decoder_input_ids` for an encoder-decoder config,
// which needs both), or `pixel_values` [1, num_channels, *image_size] from the config (defaults 3 and 224).
const tdir = join(site, 'transformers/models');
for (const d of readdirSync(tdir).sort()) {
  const mf = join(tdir, d, `modeling_${d}.py`),
    cf = join(tdir, d, `configuration_${d}.py`);
  if (!existsSync(mf) || !existsSync(cf)) continue;
  const mt = readFileSync(mf, 'utf8');
  const m = /^class (\w+Model)\((\w+PreTrainedModel)\):\n((?:[ \t]*\n|[ \t]+.*\n)*)/m.exec(mt);
  const cls = m?.[1];
  // The class body, then its PreTrainedModel base's (where `main_input_name` and `config:` often live).
  const base = m && new RegExp(`^class ${m[2]}\\(.*\\):\\n((?:[ \\t]*\\n|[ \\t]+.*\\n)*)`, 'm').exec(mt);
  const body = (m?.[3] ?? '') + (base?.[1] ?? '');
  const cfg =
    /^\s+config:\s*(\w+Config)\b/m.exec(body)?.[1] ?? /^class (\w+Config)\(/m.exec(readFileSync(cf, 'utf8'))?.[1];
  const input = /main_input_name\s*=\s*"(\w+)"/.exec(body)?.[1] ?? 'input_ids';
  if (!cls || !cfg || !/input_ids/.test(mt)) continue;
  const call =
    input === 'pixel_values'
      ? 'size = getattr(cfg, "image_size", 224)\n' +
        'size = tuple(size) if isinstance(size, (list, tuple)) else (size, size)\n' +
        'y = m(torch.randn(1, getattr(cfg, "num_channels", 3), *size))\n'
      : 'ids = torch.randint(0, 100, (1, 16))\n' +
        'y = m(ids, decoder_input_ids=ids) if getattr(cfg, "is_encoder_decoder", False) else m(ids)\n';
  cases.push({
    lib: 'transformers',
    name: cls,
    src: `import torch\nfrom transformers import ${cfg}, ${cls}\n\ncfg = ${cfg}()\nm = ${cls}(cfg)\n${call}`,
  });
}
const names = process.env.NAMES?.split(',');
const sel = cases
  .filter((c) => (!only || c.lib === only) && (!names || names.includes(c.name)))
  .slice(0, Number(process.env.LIMIT ?? 1e9));
const dir = mkdtempSync(join(tmpdir(), 'flopscope-breadth-'));
const stats = {};
const reasons = new Map();
for (const c of sel) {
  const path = join(dir, `${c.lib}_${c.name}.py`);
  writeFileSync(path, c.src);
  let status,
    why = '';
  const t0 = Date.now();
  try {
    const r = core.analyze(c.src, { path, readFile, importRoots: [site], convention: 'macs', maxSteps: 5_000_000 });
    const out = r.output?.shape;
    const errs = r.diagnostics.filter((d) => d.severity === 'error');
    if (errs.length || !out || out.includes('?')) {
      status = 'failed';
      // No output: say why (an exception that stopped it, else the first gap).
      const stop = r.diagnostics.find((d) => d.code === 'evaluation-stopped')?.message.split('\n')[0];
      const gap = r.coverage.reasons[0]?.message;
      why = (errs[0]?.message ?? `output ${out}: ${stop ?? gap ?? 'none'}`).replace(/\d+/g, 'N').slice(0, 140);
    } else if (!r.coverage.complete) {
      status = 'partial';
      why = r.coverage.reasons
        .map((x) => x.message)
        .join(' | ')
        .replace(/\d+/g, 'N')
        .slice(0, 160);
    } else status = 'complete';
  } catch (e) {
    status = 'failed';
    why = `threw ${String(e).slice(0, 100)}`;
  }
  const s = (stats[c.lib] ??= { complete: 0, partial: 0, failed: 0 });
  s[status]++;
  if (why) reasons.set(why, [...(reasons.get(why) ?? []), `${c.lib}:${c.name}`]);
  console.log(`${status.padEnd(8)} ${c.lib} ${c.name} ${Date.now() - t0}ms ${why}`);
}
console.log(JSON.stringify(stats));
for (const [w, list] of [...reasons].sort((a, b) => b[1].length - a[1].length).slice(0, 25))
  console.log(`${String(list.length).padStart(3)}  ${w}  [${list.slice(0, 4).join(', ')}]`);
