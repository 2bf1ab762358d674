/**
 * The guided mode's panel above the hop details: the author's narration of this hop, the
 * question asked here (the player waits for the answer) and, at the end, the score.
 */
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { BUTTON_GHOST } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import { QuestionCard } from './QuestionCard';
import { ScoreCard } from './ScoreCard';
import { isFinished, narrationAt, questionAt, score } from './score';

export function GuidedPanel() {
  const { t } = useTranslation('guided');
  const guided = useHopscope((s) => s.guided);
  const guide = useHopscope((s) => s.guide);
  const answers = useHopscope((s) => s.answers);
  const step = useHopscope((s) => s.step);
  const lastStep = useHopscope((s) => s.hops.length - 1);
  const lang = useHopscope((s) => s.lang);
  const stopGuided = useHopscope((s) => s.stopGuided);
  if (!guided) return null;

  const narration = narrationAt(guide.narration, step);
  const question = questionAt(guide.questions, answers, step);
  const finished = isFinished(guide, answers, step, lastStep);
  const sofar = score(guide.questions, answers);
  return (
    <div className="flex flex-col gap-2.5 border-b border-slate-200 bg-white px-4 py-3" data-testid="guided-panel" aria-label={t('panel.label')} role="region">
      <div className="flex flex-wrap items-center gap-x-2 gap-y-0.5">
        <span className="rounded-full bg-sky-600 px-2 py-px text-[11px] font-semibold text-white">{t('panel.badge')}</span>
        <span className="text-[12px] whitespace-nowrap text-slate-500 tabular-nums" data-testid="guided-progress">
          {t('panel.progress', { answered: sofar.answered, total: sofar.total, right: sofar.right })}
        </span>
        <button type="button" className={`${BUTTON_GHOST} ml-auto`} onClick={stopGuided} data-testid="guided-exit">
          {t('panel.exit')}
        </button>
      </div>
      {narration && (
        <p className="border-l-4 border-sky-400 pl-3 text-[14px] leading-relaxed text-slate-800" data-testid="guided-narration">
          {localize(narration.text, lang)}
        </p>
      )}
      {question && <QuestionCard key={question.id} question={question} number={guide.questions.indexOf(question) + 1} total={guide.questions.length} />}
      {finished && <ScoreCard />}
      {!question && !finished && !narration && <p className="text-[12.5px] text-slate-500">{t('panel.stepHint')}</p>}
    </div>
  );
}
