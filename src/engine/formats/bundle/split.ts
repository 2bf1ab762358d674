/**
 * Cuts a node bundle into sections: the `### hopscope-*` format of `scripts/hopscope-collect.sh`,
 * a plain shell transcript (`root@node-1:~# ip -d addr` followed by its output), or several of
 * either concatenated (a cluster bundle). One pass over the lines; never throws.
 */
import { diagnostic, type Diagnostic, type ParseResult } from '../../diagnostics';
import { tokenizeLine } from '../ip-link/text-lines';
import { recognizeCommand } from './commands';
import { parseDirective, type Directive } from './directive';
import { parsePromptLine } from './prompt';
import type { BundleSection } from './types';
import { msg } from '../../explain/message';

/** The node name used when neither a `hopscope-node` line nor a prompt names one. */
export const DEFAULT_BUNDLE_NODE = 'node';

interface Open { section: BundleSection; textStart: number; textEnd: number }

class Splitter {
  readonly sections: BundleSection[] = [];
  readonly diags: Diagnostic[] = [];
  private node: string | null = null;
  private netns: string | undefined;
  private open: Open | null = null;
  /** Inside `### hopscope-section:` output, where prompt-looking lines are output, not new sections. */
  private inMarker = false;
  private strayNoted = false;
  private defaultNoted = false;

  constructor(private readonly text: string, private readonly file: string) {}

  /** `s` is the line without its newline (and without a leading BOM, which `shift` accounts for). */
  line(lineNo: number, start: number, end: number, s: string, shift: number): void {
    const directive = parseDirective(s);
    if (directive) {
      directive.keyColumn += shift;
      directive.valueColumn += shift;
      return this.directive(lineNo, start, directive, s, shift);
    }
    if (!this.inMarker) {
      const tokens = s.indexOf('$') >= 0 || s.indexOf('#') >= 0 || s.indexOf('>') >= 0 || s.indexOf('❯') >= 0 || s.indexOf('➜') >= 0 ? tokenizeLine(s) : [];
      const prompt = tokens.length > 1 ? parsePromptLine(tokens, s) : null;
      if (prompt) {
        this.close();
        if (prompt.host !== undefined && this.node === null) this.node = prompt.host;
        const section = this.newSection(lineNo, prompt.command, prompt.recognized, 'prompt', prompt.host);
        this.open = { section, textStart: start, textEnd: end };
        this.unrecognized(section, lineNo, tokens[tokens.length - 1]!.endColumn);
        return;
      }
    }
    if (this.open) {
      this.open.textEnd = end;
      return;
    }
    if (!this.strayNoted && s.trim() !== '') {
      this.strayNoted = true;
      this.diags.push(diagnostic('BND002', { file: this.file, line: lineNo, column: 1, endColumn: s.length + 1 + shift }, undefined, 'warning',
        msg('diag.hint.startEachCommandS')));
    }
  }

  finish(): BundleSection[] {
    this.close();
    return this.sections;
  }

  private directive(lineNo: number, start: number, d: Directive, s: string, shift: number): void {
    const span = { file: this.file, line: lineNo, column: d.keyColumn, endColumn: s.trimEnd().length + 1 + shift };
    switch (d.key) {
      case 'node':
        this.close();
        this.inMarker = false;
        this.node = d.value === '' ? null : d.value;
        this.netns = undefined;
        return;
      case 'netns':
        this.close();
        this.inMarker = false;
        this.netns = d.value === '' || d.value === '-' ? undefined : d.value;
        return;
      case 'section': {
        this.close();
        this.inMarker = true;
        const recognized = recognizeCommand(d.value.split(/\s+/).filter((w) => w !== '')) ?? { format: 'unknown' as const, tool: '' };
        const section = this.newSection(lineNo, d.value, recognized, 'marker');
        const next = this.nextLineStart(start);
        this.open = { section, textStart: next, textEnd: next };
        this.unrecognized(section, lineNo, span.endColumn);
        return;
      }
      case 'stderr': {
        const target = this.open?.section ?? this.sections[this.sections.length - 1];
        if (target) (target.stderr ??= []).push(d.value);
        if (target && target.stderr!.length === 1) {
          this.diags.push(diagnostic('BND005', span, msg('diag.BND005.wroteStderr', { targetCommand: target.command, dValue: d.value }), 'info'));
        }
        this.close();
        return;
      }
      case 'exit': {
        const target = this.open?.section ?? this.sections[this.sections.length - 1];
        const status = Number.parseInt(d.value, 10);
        if (target && Number.isFinite(status) && status !== 0) {
          target.exitStatus = status;
          this.diags.push(diagnostic('BND005', span, msg('diag.BND005.exitedWithStatusOutput', { targetCommand: target.command, status }), 'warning'));
        }
        this.close();
        return;
      }
      case 'skipped':
        this.close();
        this.diags.push(diagnostic('BND003', span, msg('diag.BND003.collectedOn', { node: this.node ?? DEFAULT_BUNDLE_NODE, dValue: d.value }), 'info'));
        return;
      case 'end':
        this.close();
        this.inMarker = false;
        this.netns = undefined;
        return;
      case 'bundle':
      case 'note':
        return;
      default:
        this.diags.push(diagnostic('BND001', span, msg('diag.BND001.bundleDirectiveHopscopeKnown', { dKey: d.key }), 'info'));
    }
  }

  private newSection(lineNo: number, command: string, recognized: { format: BundleSection['format']; tool: string; netns?: string },
    origin: BundleSection['origin'], host?: string): BundleSection {
    let node = origin === 'prompt' && host !== undefined && this.node === null ? host : this.node;
    if (node === null) {
      node = DEFAULT_BUNDLE_NODE;
      if (!this.defaultNoted) {
        this.defaultNoted = true;
        this.diags.push(diagnostic('BND006', { file: this.file, line: lineNo, column: 1 }, msg('diag.BND006.noHopscopeNodeLine', { DEFAULT_BUNDLE_NODE }), 'info'));
      }
    }
    const section: BundleSection = {
      node, command, format: recognized.format, tool: recognized.tool, text: '', startLine: lineNo,
      lineOffset: origin === 'marker' ? lineNo : lineNo - 1, origin,
    };
    const netns = this.netns ?? recognized.netns;
    if (netns !== undefined) section.netns = netns;
    return section;
  }

  private unrecognized(section: BundleSection, lineNo: number, endColumn: number): void {
    if (section.format !== 'unknown') return;
    this.diags.push(diagnostic('BND004', { file: this.file, line: lineNo, column: 1, endColumn },
      msg('diag.BND004.hopscopeHasNoParser', { sectionCommand: section.command }), 'info'));
  }

  private nextLineStart(start: number): number {
    const nl = this.text.indexOf('\n', start);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private close(): void {
    if (!this.open) return;
    const { section, textStart, textEnd } = this.open;
    section.text = this.text.slice(textStart, Math.max(textStart, textEnd));
    this.sections.push(section);
    this.open = null;
  }
}

/**
 * Splits a node bundle, a cluster bundle (several node bundles concatenated) or a shell
 * transcript into sections, one per command. Each section says its node, namespace, command and
 * the `InputFormat` to parse it with; `text` keeps the bundle's lines and columns, and line L of
 * `text` is line `L + lineOffset` of the bundle (use `relocateResult` to move a parser's spans).
 * Never throws.
 *
 * @example
 * const { value } = splitBundle('### hopscope-node: node-1\n### hopscope-section: ip route show table all\n' +
 *   'default via 10.0.0.1 dev eth0 \n', 'node-1.txt');
 * value[0]; // { node: 'node-1', command: 'ip route show table all', format: 'ip-route', text: 'default via ...\n', startLine: 2, lineOffset: 2, ... }
 */
export function splitBundle(text: string, file: string): ParseResult<BundleSection[]> {
  const splitter = new Splitter(text, file);
  let start = 0;
  for (let lineNo = 1; start < text.length; lineNo++) {
    let end = text.indexOf('\n', start);
    end = end < 0 ? text.length : end + 1; // the line's text including its newline
    let s = text.slice(start, end);
    const shift = lineNo === 1 && s.charCodeAt(0) === 0xfeff ? 1 : 0; // a BOM still counts as a column
    if (shift) s = s.slice(1);
    s = s.replace(/\r?\n$/, '');
    splitter.line(lineNo, start, end, s, shift);
    start = end;
  }
  return { value: splitter.finish(), diagnostics: splitter.diags };
}
