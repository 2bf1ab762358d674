/**
 * The workspace end to end, as a user lives it: paste dumps, read the diagnostics and open the
 * line they point at, build a packet (with a mistake first), trace it, step with the keyboard,
 * ask "why not?", follow the other branch, switch detail levels, copy as Markdown, reload.
 */
import { BROKEN_RULES, clusterBundle, vxlanBundles } from './fixtures/bundle';
import { expect, test } from './test';

test('paste dumps, see diagnostics, build a packet, trace, step, why not, branch, detail levels, copy', async ({ page, app, context }) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await app.open('?workspace=1');
  await expect(page.getByTestId('empty-state')).toContainText('Start with your dumps');
  await app.screenshot('10-workspace-empty-1280');

  // Paste a node bundle and a dump with mistakes.
  const paste = async (name: string, text: string) => {
    await page.getByTestId('paste-box').fill(text);
    await page.getByTestId('paste-name').fill(name);
    await page.getByTestId('paste-add').click();
  };
  await paste('cluster.bundle.txt', clusterBundle());
  await paste('broken-rules.txt', BROKEN_RULES);
  const bundleRow = page.locator('[data-testid="input-row"][data-name="cluster.bundle.txt"]');
  const brokenRow = page.locator('[data-testid="input-row"][data-name="broken-rules.txt"]');
  await expect(bundleRow).toHaveAttribute('data-format', 'bundle');
  await expect(brokenRow).toHaveAttribute('data-format', 'iptables-save');
  await expect(brokenRow.getByTestId('input-status')).toContainText(/error|warning/);
  await expect(bundleRow.getByTestId('input-status')).toHaveText('ok');

  // Diagnostics name file:line:column; a click opens the dump at that line.
  const diagnostic = page.locator('[data-testid="diagnostic"][data-file="broken-rules.txt"][data-line="4"]');
  await expect(diagnostic).toContainText('broken-rules.txt:4:');
  await diagnostic.click();
  const viewer = page.getByTestId('file-viewer');
  await expect(viewer).toHaveAttribute('data-line', '4');
  await expect(viewer.locator('[data-current]')).toContainText('-m frobnicate');
  await expect(viewer.getByTestId('marked-span')).toHaveText(/frobnicate/);
  await app.screenshot('11-workspace-diagnostic-1280');
  await page.keyboard.press('Escape');
  await expect(viewer).toBeHidden();

  // The format can be changed by hand; then the broken dump goes.
  await brokenRow.getByTestId('format-select').selectOption('iptables-rules');
  await expect(brokenRow).toHaveAttribute('data-format', 'iptables-rules');
  await brokenRow.getByRole('button', { name: 'Remove broken-rules.txt' }).click();
  await expect(brokenRow).toHaveCount(0);

  // A packet with a mistake: the engine's parser explains it inline and Trace waits.
  // The source by its address; the builder resolves it as the engine does.
  await page.getByTestId('packet-from').fill('10.244.1.2');
  await expect(page.getByTestId('packet-from-unknown')).toBeHidden();
  await page.getByTestId('packet-spec').fill('tcp 10.244.1.2:40000 > 10.96.0.100');
  await expect(page.getByTestId('packet-error')).toContainText('needs a destination port');
  await expect(page.getByTestId('packet-spec')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('trace-button')).toBeDisabled();
  await page.getByTestId('packet-dst').fill('10.96.0.100:80');
  await expect(page.getByTestId('packet-error')).toBeHidden();
  await expect(page.getByTestId('packet-spec')).toHaveValue('tcp 10.244.1.2:40000 > 10.96.0.100:80');
  await page.getByTestId('trace-button').click();
  await app.waitForTrace();
  const rows = await app.rows();
  await app.expectHop(1, rows.length);

  // Step with the keyboard (focus leaves the form first: fields keep their keys).
  await page.getByTestId('topology').click({ position: { x: 5, y: 5 } });
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await app.expectHop(4, rows.length);
  await page.keyboard.press('ArrowLeft');
  await app.expectHop(3, rows.length);
  await page.keyboard.press('End');
  await app.expectHop(rows.length, rows.length);
  await page.keyboard.press('Home');
  await app.expectHop(1, rows.length);
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toContainText('Next hop');
  await app.screenshot('12-help-1280');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toBeHidden();

  // The chain kube-proxy picks the endpoint in: the chain view, and "why not?" on a skipped rule.
  const svc = rows.findIndex((r) => r.chain?.startsWith('KUBE-SVC-'));
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[svc]!.id}"]`).click();
  await page.keyboard.press('c');
  const chain = page.getByTestId('chain-view');
  await expect(chain).toHaveAttribute('data-chain', rows[svc]!.chain!);
  await expect(chain.getByTestId('chain-breadcrumb')).toContainText('KUBE-SERVICES');
  await expect(chain.locator('[data-testid="chain-rule"][data-state="matched"]')).toHaveCount(1);
  const skipped = chain.locator('[data-testid="chain-rule"][data-state="skipped"]').first();
  await skipped.getByTestId('why-not').click();
  await expect(skipped.getByTestId('why-not-answer')).toContainText('Failed match:');
  await expect(skipped.getByTestId('why-not-answer')).toContainText('10.244.0.0/16');
  await app.screenshot('13-chain-why-not-1280');

  // Follow the other endpoint: the trace re-runs down that branch.
  const firstDeliver = rows.find((r) => r.kind === 'deliver')!.netns;
  const other = page.getByTestId('branches-bar').locator('[data-testid="branch-option"][aria-pressed="false"]').first();
  await other.click();
  await expect.poll(async () => (await app.rows()).find((r) => r.kind === 'deliver')?.netns).not.toBe(firstDeliver);

  // Detail levels: fewer rows at each step down, and stepping visits only those.
  const count = () => page.getByTestId('event-row').count();
  const detailed = await count();
  await page.getByRole('radio', { name: 'Summary' }).click();
  await expect(page.getByTestId('event-list')).toHaveAttribute('data-detail', 'summary');
  const summary = await count();
  await page.keyboard.press('3');
  await expect(page.getByTestId('event-list')).toHaveAttribute('data-detail', 'minimal');
  const minimal = await count();
  expect(summary).toBeLessThan(detailed);
  expect(minimal).toBeLessThan(summary);
  await page.keyboard.press('Home');
  await page.keyboard.press('ArrowRight');
  const second = await page.getByTestId('event-row').nth(1).getAttribute('data-hop-id');
  expect(await app.currentHopId()).toBe(second);
  await app.screenshot('14-minimal-1280');
  await page.keyboard.press('1');

  // Copy as Markdown: a table of hops with rule file:line, the verdicts and assumptions.
  await page.getByTestId('copy-markdown').click();
  await expect(page.getByTestId('copy-status')).toContainText('Copied as Markdown');
  const markdown = await page.evaluate(() => navigator.clipboard.readText());
  expect(markdown).toContain('| # | where | what | rule |');
  expect(markdown).toMatch(/cluster\\\.bundle\\\.txt\\:\d+/);
  expect(markdown).toContain('**request** — delivered');
  expect(markdown).toContain('**Assumptions**');
  await page.getByTestId('copy-text').click();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('── request ──');

  // A reload keeps the workspace and the hop.
  await page.keyboard.press('End');
  const hopId = await app.currentHopId();
  await page.waitForTimeout(600); // the workspace is saved after a short pause
  await page.reload();
  await app.waitForTrace();
  expect(await app.currentHopId()).toBe(hopId);
  await expect(bundleRow).toBeVisible();
});

test('two flannel nodes from picked files: the packet is wrapped, crosses the underlay and is unwrapped', async ({ page, app }) => {
  await app.open('?workspace=1');
  await page.getByTestId('file-input').setInputFiles(vxlanBundles().map((b) => ({ name: b.name, mimeType: 'text/plain', buffer: Buffer.from(b.text) })));
  await expect(page.getByTestId('input-row')).toHaveCount(2);
  await expect(page.locator('[data-testid="input-row"][data-format="bundle"]')).toHaveCount(2);
  await page.getByTestId('packet-from').fill('nope');
  await expect(page.getByTestId('packet-from-unknown')).toContainText('nope');
  await page.getByTestId('packet-from').fill('client');
  await page.getByTestId('packet-dst').fill('10.244.2.7:8080');
  await page.getByTestId('trace-button').click();
  await app.waitForTrace();
  await expect(page.locator('[data-testid="node"]')).toHaveCount(2);
  await expect(page.locator('[data-link-kind="underlay"]')).toHaveCount(1);
  await expect(page.locator('[data-link-kind="tunnel"]')).toHaveCount(1);

  const rows = await app.rows();
  const encap = rows.findIndex((r) => r.kind === 'encap');
  const wire = rows.findIndex((r) => r.kind === 'wire');
  const decap = rows.findIndex((r) => r.kind === 'decap');
  expect(encap).toBeGreaterThan(0);
  expect(wire).toBeGreaterThan(encap);
  expect(decap).toBeGreaterThan(wire);
  expect(rows[encap]).toMatchObject({ netns: 'node-1', iface: 'flannel.1' });
  expect(rows[decap]).toMatchObject({ netns: 'node-2', iface: 'flannel.1' });

  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[wire]!.id}"]`).click();
  await expect(page.getByTestId('packet-token')).toHaveAttribute('data-encapsulated', 'true');
  await expect(page.locator('[data-testid="header-layer"][data-layer="tunnel"]')).toContainText('VXLAN');
  await expect(page.locator('[data-testid="header-layer"][data-role="inner"]').first()).toBeVisible();
  await page.getByRole('button', { name: 'Close the workspace panel' }).click();
  await app.screenshot('15-vxlan-wire-1280');
  await page.locator(`[data-testid="event-row"][data-hop-id="${rows[encap]!.id}"]`).click();
  await expect(page.locator('[data-testid="packet-field"][data-field="ip.dst"]').getByTestId('after')).toHaveText('192.168.56.12');
  await expect(page.getByTestId('topology').locator('[data-testid="node"][data-node="node-2"]')).toBeVisible();
});

test('files dropped on the drop zone become inputs', async ({ page, app }) => {
  await app.open('?workspace=1');
  await page.getByTestId('drop-zone').evaluate((zone, text) => {
    const data = new DataTransfer();
    data.items.add(new File([text], 'dropped-rules.txt', { type: 'text/plain' }));
    data.items.add(new File([new Uint8Array([0, 1, 2, 3])], 'core.bin'));
    zone.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  }, '*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -p tcp --dport 22 -j NOPE-CHAIN\nCOMMIT\n');
  // The text dump is read (by the worker: the page keeps the file unread); the binary file is left out.
  await expect(page.locator('[data-testid="input-row"][data-name="dropped-rules.txt"]')).toHaveAttribute('data-format', 'iptables-save');
  await expect(page.getByTestId('input-row')).toHaveCount(1);
  // Its diagnostic opens the file at the line: the page reads the file only now.
  await page.locator('[data-testid="diagnostic"]', { hasText: 'NOPE-CHAIN' }).first().click();
  await expect(page.getByTestId('file-viewer')).toHaveAttribute('data-line', '3');
  await expect(page.getByTestId('file-lines')).toContainText('-j NOPE-CHAIN');
});
