import { Component, type ReactNode } from 'react';

interface State {
  error: Error | null;
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
      <div className="panel-failed" role="alert">
        <p>
          The {this.props.name} could not be drawn: {this.state.error.message}
        </p>
        <button type="button" onClick={() => this.setState({ error: null })}>
          Retry
        </button>
      </div>
    );
  }
}
