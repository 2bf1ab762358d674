/**
 * `hopscope redact`: the engine's redaction on files. A scenario folder is redacted whole
 * (scenario.yaml too, so its packets and file names follow the mapping) and written under --out;
 * a single file can go to stdout. The mapping's key is random for every run.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { redactInputs, type InputFile } from '../engine/index';
import type { RedactArgs } from './args';
import { CliError, listFiles, readText } from './inputs';

interface Out { write(s: string): unknown }

/** Every file to redact, named by its path relative to the folder it was given in (or its own name). */
async function collect(paths: string[], maxBytes: number): Promise<InputFile[]> {
  const inputs: InputFile[] = [];
  for (const path of paths) {
    let dir = false;
    try {
      dir = (await stat(path)).isDirectory();
    } catch {
      throw new CliError(`cannot read ${path}: no such file or directory`, 2);
    }
    if (!dir) {
      inputs.push({ name: basename(path), text: await readText(path, maxBytes) });
      continue;
    }
    for (const file of await listFiles(path)) {
      inputs.push({ name: join(basename(path), relative(path, file)).split('\\').join('/'), text: await readText(file, maxBytes) });
    }
  }
  return inputs;
}

export async function redact(args: RedactArgs, stdout: Out, stderr: Out): Promise<number> {
  const inputs = await collect(args.files, args.maxInputMb * 2 ** 20);
  const r = redactInputs(inputs, randomUUID());
  if (!args.out) {
    if (r.inputs.length !== 1) throw new CliError('several files to redact: give --out DIR to write them', 1);
    stdout.write(r.inputs[0]!.text);
  } else {
    for (const input of r.inputs) {
      const target = join(args.out, input.name);
      try {
        await mkdir(dirname(target), { recursive: true });
        await writeFile(target, input.text, { flag: 'wx' });
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new CliError(`cannot write ${target}: ${code === 'EEXIST' ? 'it already exists' : code === 'EACCES' ? 'permission denied' : (e as Error).message}`, 7);
      }
    }
  }
  stderr.write(`hopscope: redacted ${r.counts.addresses} addresses, ${r.counts.macs} MAC addresses and ${r.counts.names} names in ${r.inputs.length} file(s)\n`);
  return 0;
}
