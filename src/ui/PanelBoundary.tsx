import { Component, type ReactNode } from 'react';
import { en, type MessageKey } from '../i18n/en';
import { useT } from '../i18n/index';

interface State {
  error: Error | null;
}

/** The failure message and the retry button, in the page's language. */
function Failed({ name, error, retry }: { name: string; error: Error; retry: () => void }) {
  const t = useT();
  const key = `part.${name}`;
  const part = Object.hasOwn(en, key) ? t(key as MessageKey) : name;
  return (
    <div className="panel-failed" role="alert">
      <p>{t('boundary.failed', { name: part, message: error.message })}</p>
      <button type="button" onClick={retry}>
        {t('boundary.retry')}
      </button>
    </div>
  );
}

/**
 * Contains a failure to one panel: the panel shows a message and a retry, the rest of the page keeps
 * working, and nothing the user typed is lost (it lives in the store and the link).
 */
export class PanelBoundary extends Component<
  { name: string; children: ReactNode; resetKey?: unknown },
  State
> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidUpdate(prev: { resetKey?: unknown }) {
    if (this.state.error && prev.resetKey !== this.props.resetKey) this.setState({ error: null });
  }

  override render() {
    if (!this.state.error) return this.props.children;
    return (
      <Failed name={this.props.name} error={this.state.error} retry={() => this.setState({ error: null })} />
    );
  }
}
