/**
 * `hopscope trace`: the engine on the command line. Every failure is one clear line and a
 * distinct exit code, never a stack trace.
 */
import { buildModel, formatDiagnostic, parsePacketSpec, resolveSource, simulate, type SimulationRequest } from '../engine/index';
import { parseArgs, USAGE, type TraceArgs } from './args';
import { CliError, loadInputs } from './inputs';
import { formatText, toJson } from './output';
import { redact } from './redact';

interface Streams {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

async function trace(args: TraceArgs, io: Streams): Promise<number> {
  const loaded = await loadInputs(args.files, args.node, args.maxInputMb * 2 ** 20);
  const packetText = args.packet ?? loaded.scenarioPacket?.packet;
  if (!packetText) throw new CliError('no --packet given (for example --packet "tcp 10.244.1.2:40000 > 10.96.0.10:80")', 1);
  const spec = parsePacketSpec(packetText, '--packet');
  if (!spec.value) throw new CliError(`bad --packet: ${spec.diagnostics[0]?.message ?? 'unreadable'}`, 3);
  const model = buildModel(loaded.inputs);
  const diagnostics = [...loaded.diagnostics, ...model.diagnostics];
  const unknown = new Set(diagnostics.filter((d) => d.code === 'IN002').map((d) => d.file));
  if (unknown.size > 0 && unknown.size === loaded.inputs.length) {
    throw new CliError(`${[...unknown][0]}: unknown format (expected a dump such as iptables-save, ip addr, ip route, or a node bundle)`, 4);
  }
  for (const d of diagnostics) if (d.severity !== 'info') io.stderr.write(`${formatDiagnostic(d)}\n`);

  const host = model.nodes[0]?.netns[0] ?? 'node';
  let from = args.from ?? (args.packet ? undefined : loaded.scenarioPacket?.from);
  if (!from) from = args.in || args.local ? host : spec.value.src && resolveSource(model, spec.value.src) ? spec.value.src : host;
  if (!resolveSource(model, from)) throw new CliError(`--from ${from}: no namespace, pod or address by that name in the dumps`, 5);
  const request: SimulationRequest = { from, packet: spec.value, choices: { ...(loaded.scenarioPacket?.choices ?? {}), ...args.choices }, reply: args.reply, later: args.later };
  const src = resolveSource(model, from)!;
  const holdsSrc = !spec.value.src || src.links.some((l) => l.addresses.some((a) => a.address === spec.value!.src));
  // A packet whose source is not an address of the start namespace arrives from outside.
  if (args.in) request.in = args.in;
  else if (!args.packet && loaded.scenarioPacket?.in) request.in = loaded.scenarioPacket.in;
  else if (!args.local && !holdsSrc) request.in = '(unknown)';
  const result = simulate(model, request);
  io.stdout.write(args.json ? `${JSON.stringify(toJson(result), null, 2)}\n` : `${formatText(result)}\n`);
  return 0;
}

export async function main(argv: string[], io: Streams): Promise<number> {
  const parsed = parseArgs(argv);
  try {
    switch (parsed.command) {
      case 'help':
        io.stdout.write(`${USAGE}\n`);
        return 0;
      case 'version':
        io.stdout.write('hopscope 0.1.0\n');
        return 0;
      case 'error':
        // One line: the usage is one `hopscope --help` away.
        io.stderr.write(`hopscope: ${parsed.message} (hopscope --help shows the usage)\n`);
        return 1;
      case 'trace':
        return await trace(parsed.args, io);
      case 'redact':
        return await redact(parsed.args, io.stdout, io.stderr);
    }
  } catch (e) {
    if (e instanceof CliError) {
      io.stderr.write(`hopscope: ${e.message}\n`);
      return e.exitCode;
    }
    io.stderr.write(`hopscope: internal error: ${String((e as Error).message ?? e).split('\n')[0]}\n`);
    return 70;
  }
}
