/** Reads the CLI's FILE and SCENARIO-DIR arguments into engine inputs. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { basename, join, relative } from 'node:path';
import { loadScenario, type Diagnostic, type InputFile, type ScenarioPacket } from '../engine/index';

export class CliError extends Error {
  constructor(message: string, readonly exitCode: number) {
    super(message);
  }
}

/** Reads a file as UTF-8, refusing it (exit 6) above `maxBytes` before reading a byte of it. */
export async function readText(path: string, maxBytes = Infinity): Promise<string> {
  try {
    const size = (await stat(path)).size;
    if (size > maxBytes) {
      throw new CliError(`${path} is ${(size / 2 ** 20).toFixed(0)} MB, above the ${(maxBytes / 2 ** 20).toFixed(0)} MB limit for one input (raise it with --max-input-mb)`, 6);
    }
    return await readFile(path, 'utf8');
  } catch (e) {
    if (e instanceof CliError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : code === 'EISDIR' ? 'is a directory' : (e as Error).message;
    throw new CliError(`cannot read ${path}: ${why}`, 2);
  }
}

export async function listFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await listFiles(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

export interface LoadedInputs {
  inputs: InputFile[];
  diagnostics: Diagnostic[];
  /** The first packet of a scenario folder, used when --packet is not given. */
  scenarioPacket?: ScenarioPacket;
}

export async function loadInputs(paths: string[], node: string | undefined, maxBytes = Infinity): Promise<LoadedInputs> {
  const loaded: LoadedInputs = { inputs: [], diagnostics: [] };
  for (const path of paths) {
    let isDir = false;
    try {
      isDir = (await stat(path)).isDirectory();
    } catch {
      throw new CliError(`cannot read ${path}: no such file or directory`, 2);
    }
    if (!isDir) {
      const input: InputFile = { name: path, text: await readText(path, maxBytes) };
      if (node) input.node = node;
      loaded.inputs.push(input);
      continue;
    }
    const files: Record<string, string> = {};
    for (const file of await listFiles(path)) files[relative(path, file).split('\\').join('/')] = await readText(file, maxBytes);
    if (files['scenario.yaml'] === undefined) throw new CliError(`${path} is a directory without a scenario.yaml`, 2);
    const scenario = loadScenario(basename(path), files);
    loaded.diagnostics.push(...scenario.diagnostics);
    if (!scenario.value) throw new CliError(`${path}/scenario.yaml: ${scenario.diagnostics[0]?.message ?? 'invalid scenario'}`, 4);
    // Name scenario inputs by their path on disk, so file:line points at a real file.
    for (const input of scenario.value.inputs) loaded.inputs.push({ ...input, name: join(path, input.name.slice(scenario.value.id.length + 1)) });
    loaded.scenarioPacket ??= scenario.value.packets[0];
  }
  return loaded;
}
