// Loads each HTML file in Debian's chromium (puppeteer-core, no browser download), runs axe-core
// with the WCAG 2.1 A and AA rules at 1280 and 390 px, checks that nothing but the tables' own
// scroll boxes is wider than a 390 px phone screen, and takes full-page screenshots at both widths.
// Usage: node check.mjs OUT_DIR file.html...   Exit 1 on any violation.
import { mkdtempSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createRequire } from 'node:module';
import puppeteer from 'puppeteer-core';

const require = createRequire(import.meta.url);
const axePath = require.resolve('axe-core/axe.min.js');
const [outDir, ...files] = process.argv.slice(2);
if (!outDir || files.length === 0) {
  console.error('usage: node check.mjs OUT_DIR file.html...');
  process.exit(2);
}
mkdirSync(outDir, { recursive: true });

const profile = mkdtempSync(join(tmpdir(), 'nianbao-chromium-'));
const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  userDataDir: profile,
  args: [
    '--no-sandbox', '--headless', '--disable-gpu', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-quic', '--disable-dev-shm-usage',
  ],
});

const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
let failed = 0;
try {
  for (const file of files) {
    const name = basename(file, '.html');
    const page = await browser.newPage();
    // Any request other than the file itself would be an external resource.
    await page.setRequestInterception(true);
    const url = pathToFileURL(resolve(file)).href;
    page.on('request', (req) => {
      if (req.url() !== url) {
        console.error(`FAIL ${name}: loads ${req.url()}`);
        failed++;
        req.abort();
      } else {
        req.continue();
      }
    });
    for (const width of [1280, 390]) {
      await page.setViewport({ width, height: width === 390 ? 844 : 900, deviceScaleFactor: 1 });
      await page.goto(url, { waitUntil: 'load' });
      await page.addScriptTag({ path: axePath });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }),
        tags,
      );
      for (const v of result.violations) {
        failed++;
        console.error(`FAIL ${name} @${width}px axe ${v.id} (${v.impact}): ${v.help}`);
        for (const n of v.nodes.slice(0, 5)) console.error(`    ${n.target.join(' ')}: ${n.failureSummary}`);
      }
      // The page itself never scrolls sideways; wide tables scroll inside their own box.
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      if (overflow > 0) {
        failed++;
        console.error(`FAIL ${name} @${width}px: page is ${overflow}px wider than the screen`);
      }
      // Rules axe cannot decide alone (e.g. the contrast of cells scrolled out of view or under a
      // rowspan): listed, not failed; the page is black on white throughout.
      for (const v of result.incomplete) {
        const why = v.nodes[0]?.any[0]?.message ?? '';
        console.log(`  ${name} @${width}px to review: ${v.id} on ${v.nodes.length} element(s): ${why}`);
      }
      const tables = await page.evaluate(() => document.querySelectorAll('table').length);
      console.log(`${name} @${width}px: axe ${result.passes.length} rules passed, ` +
        `${result.violations.length} violations, ${result.incomplete.length} to review; ${tables} tables`);
      await page.screenshot({
        path: join(outDir, `${name}-${width}.png`), fullPage: true,
      });
    }
    await page.close();
  }
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
if (failed) {
  console.error(`html-check: ${failed} problem(s)`);
  process.exit(1);
}
console.log(`html-check: ${files.length} file(s) pass axe-core (${tags.join(', ')}) at 1280 and 390 px`);
