// Drives the real VS Code for the Web UI with playwright: explorer, hover, inline annotations, sidebar webview, palette.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch } from './browser.mjs';
import {
  hoverOverLine,
  installLineSampler,
  nbsp,
  renderedLines,
  stepRunner,
  stopLineSampler,
  waitForLine,
} from './page.mjs';
import { repoRoot, startServer } from './server.mjs';

const shots = join(repoRoot, 'test-output', 'e2e');
const expected = { shape: '[32, 256]', flops: '12,853,248' };

/** The 1-based line of mlp.py that applies Linear(784, 256) to x: the first call on `x` after the layer exists. */
export function targetLine(source) {
  const lines = source.split('\n');
  const index = lines.findIndex(
    (l) => /\(\s*x\s*\)/.test(l) && !/^\s*(#|def |class )/.test(l) && !/randn|Linear\(/.test(l),
  );
  return { line: index + 1, text: lines[index]?.trim() ?? '' };
}

/** Runs a command by typing its title into the command palette. */
async function runFromPalette(page, title) {
  await page.keyboard.press('Control+Shift+P');
  const input = page.locator('.quick-input-widget .quick-input-box input');
  await input.waitFor({ state: 'visible', timeout: 5_000 });
  await page.keyboard.type(title);
  await page.waitForTimeout(300);
  await page.keyboard.press('Enter');
  await page.waitForTimeout(200);
}

async function webviewFrame(page, selector, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      if (await frame.$(selector).catch(() => null)) return frame;
    }
    await page.waitForTimeout(200);
  }
  throw new Error(`no webview frame has ${selector}`);
}

export async function runUiTest({ workspace, log = console.log }) {
  mkdirSync(shots, { recursive: true });
  const { server, url } = await startServer({ workspace });
  const browser = await launch();
  const { page } = browser;
  const target = targetLine(readFileSync(join(workspace, 'mlp.py'), 'utf8'));
  const { step, failures } = stepRunner(page, shots, log);
  try {
    await step('workbench loads', async () => {
      await page.goto(url);
      await page.waitForSelector('.monaco-workbench', { timeout: 30_000 });
    });
    await step('open mlp.py from the Explorer', async () => {
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.py$/ })
        .first()
        .click({ timeout: 15_000 });
      await page.waitForSelector('.editor-group-container.active .view-line', { timeout: 15_000 });
    });
    await step(`inline annotation on line ${target.line} shows ${expected.shape}`, async () => {
      const text = await waitForLine(page, `→ ${expected.shape}`, 15_000);
      log(`       annotated: ${text.trim()}`);
      if (!/FLOPs/.test(text)) throw new Error(`annotation without FLOPs: ${text}`);
      await page.screenshot({ path: join(shots, '01-annotations.png') });
    });
    await step(`hover over line ${target.line} (${target.text}) shows shape and FLOPs`, async () => {
      const text = await hoverOverLine(page, target.text.split('(')[0], expected.flops);
      await page.screenshot({ path: join(shots, '02-hover.png') });
      for (const part of [expected.shape, expected.flops])
        if (!text.includes(part)) throw new Error(`hover lacks ${part}: ${text.slice(0, 300)}`);
    });
    await step('typing a new line re-analyzes and annotates it', async () => {
      await page.mouse.move(900, 800);
      await page.keyboard.press('Escape');
      await page.locator('.editor-group-container.active .view-line').first().click();
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type('z = torch.randn(8, 100) @ torch.randn(100, 7)', { delay: 5 });
      const text = await waitForLine(page, '→ [8, 7]', 10_000);
      log(`       typed: ${text.trim()}`);
      await page.screenshot({ path: join(shots, '02b-typed.png') });
    });
    await step(
      `typing at the end of line ${target.line}, 30 times: the annotation stays after the code, and comes back for each edit`,
      async () => {
        const code = target.text;
        /** Waits until the line reads `code + typed`, then its annotation, whose memory figure is `memory` (this version's). */
        const annotated = async (typed, memory) => {
          const deadline = Date.now() + 10_000;
          for (;;) {
            const lines = await page.evaluate(renderedLines, '.editor-group-container.active .view-line');
            const line = lines.find((l) => l.trim().startsWith(code))?.trim();
            if (line?.startsWith(`${code}${typed}→ ${expected.shape}`) && line.endsWith(memory)) return;
            if (Date.now() > deadline)
              throw new Error(
                `after typing ${JSON.stringify(typed)} the line reads ${JSON.stringify(line)}, not ... ${memory}`,
              );
            await page.waitForTimeout(40);
          }
        };
        await page.keyboard.press('Escape');
        await page.locator('.editor-group-container.active .view-line', { hasText: code }).first().click();
        await page.evaluate(installLineSampler, code);
        const started = Date.now();
        for (let i = 0; i < 30; i++) {
          // `*2` (one edit: `*` alone would not parse) adds an op: 64 KiB -> 96 KiB of activations, so the re-analysed
          // annotation differs. The `0` comes 130-275 ms later, around the end of the 150 ms debounce: some land while the analysis of `*2` runs.
          await page.keyboard.press('End');
          await page.keyboard.insertText('*2');
          await page.waitForTimeout(130 + i * 5);
          await page.keyboard.type('0');
          await annotated('*20', '96 KiB');
          for (let k = 0; k < 3; k++) await page.keyboard.press('Shift+ArrowLeft');
          await page.keyboard.press('Backspace');
          await annotated('', '64 KiB');
        }
        const samples = await page.evaluate(stopLineSampler);
        log(
          `       30 tries in ${Date.now() - started} ms; ${samples.total} frames of the line: ${samples.blank} painted without the annotation, ${samples.inside} with it inside the code (${samples.transient} unpainted blank samples)`,
        );
        await page.screenshot({ path: join(shots, '02c-typed-line-end.png') });
        if (samples.inside || samples.blank)
          throw new Error(
            `the annotation was missing in ${samples.blank} and inside the code in ${samples.inside} of ${samples.total} frames: ${samples.examples.join(' | ')}`,
          );
      },
    );
    await step('a shape error is squiggled in shape_error.py', async () => {
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^shape_error\.py$/ })
        .first()
        .click({ timeout: 10_000 });
      const squiggle = page.locator('.editor-group-container.active .squiggly-error').first();
      await squiggle.waitFor({ timeout: 10_000 });
      const box = await squiggle.boundingBox();
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await page.locator('.monaco-hover:not(.hidden)').first().waitFor({ timeout: 10_000 });
      log(
        `       diagnostic hover: ${nbsp(await page.locator('.monaco-hover:not(.hidden)').first().innerText()).split('\n')[0]}`,
      );
      await page.screenshot({ path: join(shots, '06-diagnostic.png') });
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.py$/ })
        .first()
        .click({ timeout: 10_000 });
      await waitForLine(page, `→ ${expected.shape}`, 10_000);
    });
    await step('sidebar shows totals; clicking a row moves the cursor', async () => {
      await page.mouse.move(5, 500);
      await page.keyboard.press('Escape');
      await page
        .locator(
          '.activitybar .action-item a[aria-label^="flopscope"], .activitybar .action-item .action-label[aria-label^="flopscope"]',
        )
        .first()
        .click({ timeout: 10_000 });
      await page.mouse.move(900, 700);
      const frame = await webviewFrame(page, '.card-value');
      await frame.waitForSelector('.line-row', { timeout: 15_000 });
      const totals = await frame.$$eval('.card', (cards) => cards.map((c) => c.textContent));
      log(`       sidebar totals: ${totals.join(' | ')}`);
      await page.screenshot({ path: join(shots, '03-sidebar.png') });
      await frame.$eval('.line-row', (row) => row.scrollIntoView({ block: 'center' }));
      await page.screenshot({ path: join(shots, '03-sidebar-lines.png') });
      await frame.click(`.line-row[data-line="${target.line}"]`, { timeout: 5_000 });
      await page.waitForFunction(
        (n) =>
          /Ln (\d+)/.exec(document.querySelector('#status\\.editor\\.selection')?.textContent ?? '')?.[1] === String(n),
        target.line,
        { timeout: 5_000 },
      );
    });
    await step('sidebar input box rejects a malformed shape and accepts a good one', async () => {
      const frame = await webviewFrame(page, '#inputs');
      await frame.fill('#inputs', '[B, 3');
      await frame.press('#inputs', 'Enter');
      await frame.waitForSelector('.inputs .error', { timeout: 5_000 });
      await frame.fill('#inputs', '[32, 784] float32');
      await frame.press('#inputs', 'Enter');
      await frame.waitForSelector('.inputs .error', { state: 'detached', timeout: 10_000 });
    });
    await step('sidebar "Annotations" button toggles the inline annotations off and on', async () => {
      const frame = await webviewFrame(page, '#root .actions');
      // A DOM click: the button sits below the fold of the nested webview frames.
      const click = () =>
        frame.$$eval('#root .actions button', (buttons) =>
          buttons.find((b) => b.textContent === 'Annotations')?.click(),
        );
      await click();
      const deadline = Date.now() + 10_000;
      while ((await page.evaluate(renderedLines)).some((t) => t.includes(`→ ${expected.shape}`))) {
        if (Date.now() > deadline) throw new Error('annotations still shown after toggling off');
        await page.waitForTimeout(200);
      }
      await click();
      await waitForLine(page, `→ ${expected.shape}`, 10_000);
    });
    await step('"flopscope: Export Report…" writes JSON with exact integers into the workspace', async () => {
      await runFromPalette(page, 'flopscope: Export Report');
      await page.keyboard.type('JSON');
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('.quick-input-widget .quick-input-box input')?.value?.endsWith('.json'),
        undefined,
        { timeout: 5_000 },
      );
      await page.keyboard.press('Enter');
      // The mount keeps writes in the browser's memory, so read the exported file back through the Explorer.
      await page.keyboard.press('Control+Shift+E');
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.flopscope\.json$/ })
        .first()
        .click({ timeout: 10_000 });
      await waitForLine(page, '"totals": {', 10_000);
      const lines = await page.evaluate(renderedLines);
      const flops = lines.find((l) => /^\s*"flops": \d+,\s*$/.test(l));
      if (!flops) throw new Error(`no exact "flops" integer in the exported JSON: ${lines.slice(0, 30).join(' | ')}`);
      log(`       exported: ${flops.trim()}`);
      await page.screenshot({ path: join(shots, '05-export.png') });
    });
    await step('"flopscope: Show Report" from the command palette', async () => {
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.py$/ })
        .first()
        .click({ timeout: 10_000 });
      await waitForLine(page, `→ ${expected.shape}`, 10_000);
      await runFromPalette(page, 'flopscope: Show Report');
      await waitForLine(page, 'flopscope report', 10_000);
      const text = await waitForLine(page, 'FLOPs forward', 5_000);
      log(`       report: ${text.trim()}`);
      await page.screenshot({ path: join(shots, '04-report.png') });
    });
    await step(
      '"flopscope: Set Entry and Input Shapes…" re-analyzes with [B, 784] and inserts the comment',
      async () => {
        await page
          .locator('.explorer-folders-view .monaco-list-row', { hasText: /^mlp\.py$/ })
          .first()
          .click({ timeout: 10_000 });
        await waitForLine(page, `→ ${expected.shape}`, 10_000);
        await runFromPalette(page, 'flopscope: Set Entry and Input Shapes');
        await page.keyboard.type('MLP()');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(300);
        await page.keyboard.type('[B, 784]');
        await page.keyboard.press('Enter');
        await page.waitForTimeout(300);
        await page.keyboard.type('insert');
        await page.waitForTimeout(200);
        await page.keyboard.press('Enter');
        const comment = await waitForLine(page, '# flopscope: input ', 10_000);
        if (!comment.includes(': [B, 784]')) throw new Error(`unexpected comment: ${comment}`);
        log(`       inserted: ${comment.trim()}`);
        const text = await waitForLine(page, '→ [B, 256]', 10_000);
        log(`       symbolic: ${text.trim()}`);
        await page.screenshot({ path: join(shots, '07-set-input.png') });
      },
    );
    await step('sidebar Dims B=32 evaluates the symbolic costs at batch 32', async () => {
      await page
        .locator('.activitybar .action-item .action-label[aria-label^="flopscope"]')
        .first()
        .click({ timeout: 10_000 });
      await page.mouse.move(900, 700);
      const frame = await webviewFrame(page, '#dims');
      await frame.fill('#dims', 'B=32');
      await frame.press('#dims', 'Enter');
      const text = await waitForLine(page, '→ [B, 256] · 12.9 MFLOPs', 15_000);
      log(`       B=32: ${text.trim()}`);
      await page.screenshot({ path: join(shots, '08-dims.png') });
    });
    await step('"flopscope: Select FLOP Convention…" → macs relabels the status bar', async () => {
      await page.keyboard.press('Control+1');
      await runFromPalette(page, 'flopscope: Select FLOP Convention');
      await page
        .locator('.quick-input-widget .monaco-list-row', { hasText: 'torchvision' })
        .first()
        .waitFor({ timeout: 5_000 });
      await page.keyboard.type('macs');
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('.statusbar-item')].some(
            (n) => /params · [\d.]+ \w?MACs\s*$/.test(n.textContent ?? ''), // MACs alone: no FLOPs beside them
          ),
        undefined,
        { timeout: 10_000 },
      );
      const text = await page.evaluate(() =>
        [...document.querySelectorAll('.statusbar-item')]
          .map((n) => n.textContent)
          .find((t) => t?.includes('params ·')),
      );
      log(`       status bar: ${text?.trim()}`);
      await runFromPalette(page, 'flopscope: Select FLOP Convention');
      await page.keyboard.type('full');
      await page.waitForTimeout(200);
      await page.keyboard.press('Enter');
    });
    await step("notebook.ipynb: the cell that calls the model shows its shape and the notebook's totals", async () => {
      await page.keyboard.press('Escape');
      await runFromPalette(page, 'View: Show Explorer');
      await page
        .locator('.explorer-folders-view .monaco-list-row', { hasText: /^notebook\.ipynb$/ })
        .first()
        .click({ timeout: 15_000 });
      // Real PyTorch on the same cells: logits [16, 10], 60,362 parameters.
      // Notebook cell editors render outside the editor group's own editor: look at every editor line.
      const text = await waitForLine(page, '→ [16, 10]', 20_000, '.monaco-workbench .view-line');
      log(`       cell annotated: ${text.trim()}`);
      const item = page.locator('.statusbar-item', { hasText: /params · / }).first();
      await page
        .waitForFunction(
          () =>
            [...document.querySelectorAll('.statusbar-item')].some((e) => /60\.4\sK params/.test(e.textContent ?? '')),
          undefined,
          { timeout: 10_000 },
        )
        .catch(async () => {
          throw new Error(`status bar shows ${nbsp(await item.innerText())}, not 60.4 K params`);
        });
      await page.screenshot({ path: join(shots, '10-notebook.png') });
    });
    await step("notebook in the sidebar: every cell's lines, labelled by cell", async () => {
      await page
        .locator(
          '.activitybar .action-item a[aria-label^="flopscope"], .activitybar .action-item .action-label[aria-label^="flopscope"]',
        )
        .first()
        .click({ timeout: 10_000 });
      const frame = await webviewFrame(page, '.line-row .ln');
      // `logits = model(images)` is line 3 of the third code cell; the conv lines are in the class cell (cell 2).
      await frame.waitForFunction(
        () => [...document.querySelectorAll('.line-row .ln')].some((e) => e.textContent === 'c3:3'),
        undefined,
        { timeout: 15_000 },
      );
      const labels = await frame.$$eval('.line-row .ln', (els) => els.map((e) => e.textContent));
      log(`       sidebar rows: ${labels.join(' ')}`);
      if (!labels.some((l) => /^c2:\d+$/.test(l))) throw new Error(`no rows of the class cell: ${labels.join(' ')}`);
      await page.screenshot({ path: join(shots, '11-notebook-sidebar.png') });
    });
    await step(
      'partial.py: the status bar and the sidebar mark the totals as lower bounds (≥, "partial: ...")',
      async () => {
        await page.keyboard.press('Escape');
        await runFromPalette(page, 'View: Show Explorer');
        await page
          .locator('.explorer-folders-view .monaco-list-row', { hasText: /^partial\.py$/ })
          .first()
          .click({ timeout: 15_000 });
        await page
          .waitForFunction(
            () =>
              [...document.querySelectorAll('.statusbar-item')].some((e) =>
                /≥\s?201 K params · ≥\s?6\.42 MMACs · ≥\s?12\.9 MFLOPs/.test(e.textContent ?? ''),
              ),
            undefined,
            { timeout: 15_000 },
          )
          .catch(async () => {
            const items = await page.$$eval('.statusbar-item', (els) => els.map((e) => e.textContent));
            throw new Error(
              `no partial mark in the status bar: ${items.filter((t) => t?.includes('params')).join(' | ')}`,
            );
          });
        await page.screenshot({ path: join(shots, '12-partial-status.png') });
        await page
          .locator('.activitybar .action-item .action-label[aria-label^="flopscope"]')
          .first()
          .click({ timeout: 10_000 });
        await page.mouse.move(900, 700);
        const frame = await webviewFrame(page, '.partial');
        const note = await frame.$eval('.partial', (e) => e.textContent);
        const reasons = await frame.$$eval('.partial li', (els) => els.map((e) => e.textContent ?? ''));
        const cards = await frame.$$eval('.card-value', (els) => els.map((e) => e.textContent));
        log(`       sidebar: ${cards.join(' | ')} · ${note}`);
        if (!/partial: .*made_up_lib.*loop bound unknown/.test(note ?? '')) throw new Error(`partial note: ${note}`);
        // One item per reason: the unknown op, the missing module, the loop.
        if (reasons.length !== 3 || !/made_up_lib/.test(reasons[1]) || !/loop bound unknown/.test(reasons[2]))
          throw new Error(`partial reasons: ${reasons.join(' | ')}`);
        if (!cards.every((c) => c?.startsWith('≥'))) throw new Error(`cards without ≥: ${cards.join(' | ')}`);
        await page.screenshot({ path: join(shots, '13-partial-sidebar.png') });
      },
    );
    await step('dark theme: sidebar and annotations stay readable', async () => {
      // The step before leaves focus in the sidebar webview, whose frame swallows chords: focus the editor first,
      // and fall back to the command palette when the Ctrl+K Ctrl+T chord still does not open the picker.
      await page.locator('.monaco-editor .view-lines').first().click({ timeout: 10_000 });
      await page.keyboard.press('Control+Home'); // the click may land below the text: keep the code in the screenshot
      await page.keyboard.press('Control+K');
      await page.keyboard.press('Control+T');
      const darkRow = page.locator('.quick-input-widget .monaco-list-row', { hasText: 'Dark Modern' }).first();
      const opened = await darkRow.waitFor({ timeout: 5_000 }).then(
        () => true,
        () => false,
      );
      if (!opened) {
        await page.keyboard.press('Escape');
        await runFromPalette(page, 'Preferences: Color Theme');
        await darkRow.waitFor({ timeout: 10_000 });
      }
      await page.keyboard.type('Dark Modern');
      await page.waitForTimeout(300);
      await page.keyboard.press('Enter');
      await page.waitForFunction(
        () => document.querySelector('.monaco-workbench')?.classList.contains('vs-dark'),
        undefined,
        { timeout: 5_000 },
      );
      await page.waitForTimeout(500);
      await page.screenshot({ path: join(shots, '09-dark.png') });
    });
  } finally {
    await page.screenshot({ path: join(shots, '99-final.png') }).catch(() => {});
    await browser.close();
    server.close();
  }
  log(`ui: ${failures.length ? `${failures.length} failed` : 'all passed'}; screenshots in ${shots}`);
  return failures.length ? 1 : 0;
}
