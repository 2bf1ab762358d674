import { useTranslation } from 'react-i18next';
import type { AssumptionNode, ErrorNode, Lang, ModifyNode } from '../../engine';
import { renderMessage } from '../../engine';
import { AssumptionIcon, ErrorIcon } from '../icons/NoteIcons';
import { Section } from './Section';

/** What changed the packet and why, what the simulator had to assume, and what went wrong. */
export function HopNotes({
  modifies,
  assumptions,
  errors,
  lang,
}: {
  modifies: ModifyNode[];
  assumptions: AssumptionNode[];
  errors: ErrorNode[];
  lang: Lang;
}) {
  const { t } = useTranslation('details');
  if (!modifies.length && !assumptions.length && !errors.length) return null;
  return (
    <Section title={t('notes.title')}>
      <ul className="space-y-1.5 text-[12.5px] leading-snug">
        {modifies.map((m, i) => (
          <li key={`m${i}`} className="flex gap-2 text-amber-900" data-testid="modify-note">
            <span className="mt-0.5 h-3 w-3 shrink-0 rounded-sm bg-amber-300" aria-hidden="true" />
            <span>
              {renderMessage(m.by, lang)}
              <span className="ml-1 font-mono text-[11.5px] text-amber-700">
                ({m.changes.map((c) => `${c.field} ${c.before} → ${c.after}`).join(', ')})
              </span>
            </span>
          </li>
        ))}
        {assumptions.map((a, i) => (
          <li key={`a${i}`} className="flex gap-2 rounded-md bg-amber-50 px-2 py-1 text-amber-900" data-testid="assumption">
            <AssumptionIcon className="mt-px h-4 w-4 shrink-0 text-amber-600" />
            <span>
              <span className="sr-only">{t('notes.assumption')} </span>
              {renderMessage(a.message, lang)}
            </span>
          </li>
        ))}
        {errors.map((e, i) => (
          <li key={`e${i}`} className="flex gap-2 rounded-md bg-red-50 px-2 py-1 text-red-800" data-testid="hop-error">
            <ErrorIcon className="mt-px h-4 w-4 shrink-0 text-red-600" />
            <span>
              <span className="sr-only">{t('notes.error')} </span>
              {renderMessage(e.message, lang)}
            </span>
          </li>
        ))}
      </ul>
    </Section>
  );
}
