import { buttonClass, dangerButtonClass } from "./styles";

type ConfirmActionProps = {
  /** Whether this row is asking for confirmation now. */
  confirming: boolean;
  busy: boolean;
  label: string;
  ariaLabel: string;
  prompt: string;
  confirmLabel: string;
  onAsk: () => void;
  onCancel: () => void;
  onConfirm: () => void;
};

// A destructive action in two steps: the button, then a prompt with confirm and cancel.
export function ConfirmAction(props: ConfirmActionProps) {
  if (!props.confirming) {
    return (
      <button type="button" className={buttonClass} aria-label={props.ariaLabel} onClick={props.onAsk}>
        {props.label}
      </button>
    );
  }
  return (
    <span className="inline-flex items-center gap-2">
      <span className="text-xs text-slate-600 dark:text-slate-400">{props.prompt}</span>
      <button type="button" className={dangerButtonClass} disabled={props.busy} onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>
      <button type="button" className={buttonClass} onClick={props.onCancel}>
        Cancel
      </button>
    </span>
  );
}
