/** While a guided question waits for its answer, what would give the answer away stays covered. */
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHopscope } from '../store/StoreProvider';
import { blockingQuestion } from './score';

/** `quiet`: cover by leaving it out, without a second copy of the note. */
export function GuidedVeil({ children, quiet = false }: { children: ReactNode; quiet?: boolean }) {
  const { t } = useTranslation('guided');
  const pending = useHopscope((s) => s.guided && blockingQuestion(s.guide.questions, s.answers, s.step) !== null);
  if (!pending) return children;
  if (quiet) return null;
  return (
    <div className="grid h-full min-h-24 place-items-center bg-slate-50 p-4 text-center text-[13px] text-slate-500" data-testid="guided-veil">
      {t('veil')}
    </div>
  );
}
