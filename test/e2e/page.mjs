// Reading a VS Code workbench page in the driven-UI tests: editor lines with decoration text, waiting for one, named steps.
import { join } from 'node:path';

export const nbsp = (s) => s.replace(/\u00a0/g, ' ');

/** Text of every rendered editor line, including decoration text that VS Code draws as CSS ::before/::after content. */
export function renderedLines(selector = '.editor-group-container .view-line') {
  const pseudo = (node, which) => {
    const content = getComputedStyle(node, which).content;
    return content && content !== 'none' && content !== 'normal'
      ? content.replace(/^"|"$/g, '').replace(/\\"/g, '"')
      : '';
  };
  return [...document.querySelectorAll(selector)].map((line) => {
    let text = '';
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
      else if (node.nodeType === Node.ELEMENT_NODE) {
        text += pseudo(node, '::before');
        node.childNodes.forEach(walk);
        text += pseudo(node, '::after');
      }
    };
    walk(line);
    return text.replace(/\u00a0/g, ' ');
  });
}

/** Waits until some rendered editor line contains `needle`; returns that line's text. */
export async function waitForLine(page, needle, timeoutMs, selector) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = (await page.evaluate(renderedLines, selector)).find((t) => t.includes(needle));
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no editor line shows ${JSON.stringify(needle)}`);
    await page.waitForTimeout(200);
  }
}

/** Named steps that log `ok`/`FAIL`, keep going after a failure, and screenshot each failure into `shots`. */
export function stepRunner(page, shots, log) {
  const failures = [];
  const step = async (name, fn) => {
    const started = Date.now();
    try {
      await fn();
      log(`  ok   ${name} (${Date.now() - started} ms)`);
    } catch (error) {
      failures.push(`${name}: ${error.message.split('\n')[0]}`);
      log(`  FAIL ${name}: ${error.message.split('\n')[0]}`);
      await page.screenshot({ path: join(shots, `failed-${failures.length}.png`) }).catch(() => {});
    }
  };
  return { step, failures };
}

/** Hovers over the active editor's line that starts with `lineText`; returns the hover's text once it holds `waitFor`. */
export async function hoverOverLine(page, lineText, waitFor) {
  const line = page.locator('.editor-group-container.active .view-line', { hasText: lineText }).first();
  const box = await line.boundingBox();
  if (!box) throw new Error('target line not rendered');
  await page.mouse.move(box.x + 30, box.y + box.height / 2);
  const hover = page.locator('.monaco-hover:not(.hidden)');
  await hover.first().waitFor({ timeout: 10_000 });
  await page
    .waitForFunction((s) => document.querySelector('.monaco-hover:not(.hidden)')?.textContent?.includes(s), waitFor, {
      timeout: 10_000,
    })
    .catch(() => undefined);
  return nbsp(await hover.first().innerText());
}

/**
 * Samples the editor line whose code starts with `code` once per animation frame, in the page (between the test's own
 * steps). A state seen in two frames running was painted (the editor draws in the frame between): `blank` counts
 * painted frames without the annotation, `inside` those where it sat inside the code (a typed character after it).
 * `transient` counts single-sample blanks: the moment between a decoration's old style going and the editor drawing
 * the new one, never painted.
 */
export function installLineSampler(code) {
  const squash = (t) => t.replace(/[\s\u00a0]+/g, ' ').trim();
  const pseudo = (node, which) => {
    const content = getComputedStyle(node, which).content;
    return content && content !== 'none' && content !== 'normal' ? content : '';
  };
  const read = (line) => {
    let plain = '';
    let text = '';
    const walk = (node) => {
      if (node.nodeType === Node.TEXT_NODE) {
        plain += node.textContent;
        text += node.textContent;
      } else if (node.nodeType === Node.ELEMENT_NODE) {
        text += pseudo(node, '::before');
        node.childNodes.forEach(walk);
        text += pseudo(node, '::after');
      }
    };
    walk(line);
    return { plain: squash(plain), text: squash(text) };
  };
  const state = { total: 0, blank: 0, inside: 0, transient: 0, examples: [], running: true };
  let seen = '';
  const sample = () => {
    for (const line of document.querySelectorAll('.editor-group-container.active .view-line')) {
      const { plain, text } = read(line);
      seen = text;
      if (plain.startsWith(code)) return !text.includes('→') ? 'blank' : text.startsWith(plain) ? 'ok' : 'inside';
    }
    return 'absent';
  };
  let previous = 'ok';
  const frame = () => {
    if (!state.running) return;
    const now = sample();
    if (now !== 'absent') {
      state.total++;
      if (now !== 'ok' && now === previous) {
        state[now]++;
        if (state.examples.length < 3) state.examples.push(`${now}: ${seen}`);
      } else if (now === 'blank') state.transient++;
      previous = now;
    }
    requestAnimationFrame(frame);
  };
  if (window.__flopscopeSamples) window.__flopscopeSamples.running = false;
  window.__flopscopeSamples = state;
  requestAnimationFrame(frame);
}

/** Stops the sampler and returns its counts. */
export function stopLineSampler() {
  window.__flopscopeSamples.running = false;
  return window.__flopscopeSamples;
}
