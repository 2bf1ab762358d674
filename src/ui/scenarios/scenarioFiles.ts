/**
 * Scenarios are bundled as raw text from the top-level `scenarios/<id>/` folders. The glob is
 * lazy: each file becomes its own small chunk, fetched only when its scenario opens, so the
 * initial bundle carries no dump text and the built app needs no network beyond its own files.
 */
const modules = import.meta.glob('/scenarios/**/*', { query: '?raw', import: 'default' }) as Record<
  string,
  () => Promise<string>
>;

const PREFIX = '/scenarios/';

/** `/scenarios/a/b/c.txt` → ["a", "b/c.txt"]. */
function split(path: string): [string, string] | null {
  if (!path.startsWith(PREFIX)) return null;
  const rest = path.slice(PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return null;
  return [rest.slice(0, slash), rest.slice(slash + 1)];
}

const byScenario = new Map<string, Map<string, () => Promise<string>>>();
for (const [path, load] of Object.entries(modules)) {
  const parts = split(path);
  if (!parts) continue;
  const [id, rel] = parts;
  if (!byScenario.has(id)) byScenario.set(id, new Map());
  byScenario.get(id)!.set(rel, load);
}

/** Ids of the scenarios that have a `scenario.yaml`, sorted. */
export function scenarioIds(): string[] {
  return [...byScenario.entries()]
    .filter(([, files]) => files.has('scenario.yaml'))
    .map(([id]) => id)
    .sort();
}

/** All files of one scenario, paths relative to its folder. Rejects with a readable message. */
export async function loadScenarioFiles(id: string): Promise<Record<string, string>> {
  const files = byScenario.get(id);
  if (!files || !files.has('scenario.yaml')) {
    const known = scenarioIds();
    throw new Error(
      `There is no scenario “${id}”.` + (known.length ? ` Available: ${known.join(', ')}.` : ' No scenarios are bundled.'),
    );
  }
  const entries = await Promise.all([...files].map(async ([rel, load]) => [rel, await load()] as const));
  return Object.fromEntries(entries);
}

/** Every scenario's `scenario.yaml` (id → text), for the gallery: small files, fetched on first use. */
export async function loadScenarioYamls(): Promise<Record<string, string>> {
  const ids = scenarioIds();
  const texts = await Promise.all(ids.map((id) => byScenario.get(id)!.get('scenario.yaml')!()));
  return Object.fromEntries(ids.map((id, i) => [id, texts[i]!]));
}
