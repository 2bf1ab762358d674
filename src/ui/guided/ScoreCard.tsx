/** The end of a guided run: the score, each question with the learner's result, and what next. */
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { localize } from '../../engine';
import { BUTTON, BUTTON_PRIMARY } from '../shell/classes';
import { useHopscope } from '../store/StoreProvider';
import { score } from './score';

export function ScoreCard() {
  const { t } = useTranslation('guided');
  const lang = useHopscope((s) => s.lang);
  const questions = useHopscope((s) => s.guide.questions);
  const answers = useHopscope((s) => s.answers);
  const startGuided = useHopscope((s) => s.startGuided);
  const openGallery = useHopscope((s) => s.openGallery);
  const result = score(questions, answers);
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <section ref={ref} tabIndex={-1} aria-labelledby="guided-score-title" className="rounded-lg border border-sky-300 bg-sky-50 p-3" data-testid="guided-score" data-right={result.right} data-total={result.total}>
      <h3 id="guided-score-title" className="text-[11px] font-semibold tracking-wide text-slate-600 uppercase">
        {t('score.heading')}
      </h3>
      <p className="mt-1 text-[22px] font-bold text-slate-900 tabular-nums" data-testid="guided-score-value">
        {t('score.value', { right: result.right, total: result.total })}
      </p>
      <p className="text-[13px] text-slate-700">{result.total === 0 ? t('score.noQuestions') : result.right === result.total ? t('score.perfect') : t('score.keepGoing')}</p>
      {questions.length > 0 && (
        <ol className="mt-2 space-y-1 text-[12.5px] text-slate-700">
          {questions.map((q) => {
            const ok = answers[q.id] === q.correct;
            return (
              <li key={q.id} className="flex gap-1.5">
                <span aria-hidden="true" className={ok ? 'text-emerald-700' : 'text-red-700'}>
                  {ok ? '✓' : '✗'}
                </span>
                <span className="sr-only">{ok ? t('score.right') : t('score.wrong')}</span>
                <span>{localize(q.prompt, lang)}</span>
              </li>
            );
          })}
        </ol>
      )}
      <div className="mt-3 flex flex-wrap gap-2">
        <button type="button" className={BUTTON_PRIMARY} onClick={startGuided} data-testid="guided-restart">
          {t('score.again')}
        </button>
        <button type="button" className={BUTTON} onClick={() => void openGallery()}>
          {t('score.gallery')}
        </button>
      </div>
    </section>
  );
}
