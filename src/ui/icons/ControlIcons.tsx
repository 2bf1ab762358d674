/** Media-control glyphs drawn as SVG (font glyphs for ⏮ ⏭ vary or go missing across systems). */
type IconProps = { className?: string };

function Icon({ d, className = 'h-4 w-4' }: IconProps & { d: string }) {
  return (
    <svg viewBox="0 0 16 16" className={className} aria-hidden="true">
      <path d={d} className="fill-current" />
    </svg>
  );
}

export const FirstIcon = (p: IconProps) => <Icon {...p} d="M3 3h2v10H3zM13.5 3.2v9.6L6 8z" />;
export const PrevIcon = (p: IconProps) => <Icon {...p} d="M12 3.2v9.6L4.5 8z" />;
export const PlayIcon = (p: IconProps) => <Icon {...p} d="M4.5 2.8v10.4L13 8z" />;
export const PauseIcon = (p: IconProps) => <Icon {...p} d="M4 3h3v10H4zM9 3h3v10H9z" />;
export const NextIcon = (p: IconProps) => <Icon {...p} d="M4 3.2v9.6L11.5 8z" />;
export const LastIcon = (p: IconProps) => <Icon {...p} d="M11 3h2v10h-2zM2.5 3.2v9.6L10 8z" />;
