// @vitest-environment jsdom
/**
 * The Train panel in the DOM, opened from links as a reader would: the headline after a run that
 * ended on a loss that is not finite, the help for a step out of the loss's domain, and bad data in a
 * link (the reason next to the disabled Run buttons, the Data section opened on its error, also
 * when the link arrives on a page already open).
 */
import { act, cleanup, fireEvent, render, screen, waitFor } from './testing';
import { afterEach, describe, expect, it } from 'vitest';
import { deriveModel } from '../../src/state/derive';
import { useStore } from '../../src/state/store';
import { stateFromFragment } from '../../src/state/urlSync';
import { TrainPanel } from '../../src/ui/teach/TrainPanel';

afterEach(cleanup);

/** The panel with the tape and trace of the store's current state, as the page gives them. */
function Page() {
  const s = useStore();
  const model = deriveModel(s);
  if (!model.tape || !model.trace) return <p>no trace</p>;
  return <TrainPanel tape={model.tape} trace={model.trace} />;
}

const enc = encodeURIComponent;
/** The linear-regression card's link (its five points), with η and data replaceable. */
const line = (rate: string, data = enc('x,t\n0,1.1\n1,2.9\n2,5.2\n3,6.8\n4,9.1')) =>
  `#v=1&f=${enc('(w*x + b - t)^2')}&at=b:0,t:1.1,w:0,x:0&view=train&train=w,b&rate=${rate}&data=${data}`;

function openLink(link: string) {
  act(() => stateFromFragment(link));
}

const status = (root: HTMLElement) => root.querySelector<HTMLElement>('.train-status');

describe('the headline after a run that ends on a loss that is not finite', () => {
  it('η = 1e300 on the regression card: it says the loss became ∞ at step 1 and names step 0 as shown', () => {
    openLink(line('1e300'));
    const view = render(<Page />);
    fireEvent.click(screen.getByRole('button', { name: '10 steps' }));
    const head = status(view.container)!;
    expect(head.dataset.steps).toBe('1');
    // Not "Step 1: loss 33.142": the loss at step 1 is ∞.
    expect(head.textContent).not.toMatch(/^Step 1: loss 33\.142/);
    expect(head.textContent).toBe(
      'Step 1: the loss became ∞. Shown: step 0, the last with a finite loss, 33.142 (it started at 33.142).',
    );
    expect(view.container.querySelector('.train-diverged')!.textContent).toMatch(
      /At step 1 the loss is Infinity: the steps overshot .*Lower η and press Reset\./,
    );
  });

  it('sqrt(w) + w^2 from w = 1 with η = 1: NaN at step 1, and the cause is the square root of −1.5', () => {
    openLink(`#v=1&f=${enc('sqrt(w) + w^2')}&at=w:1&view=train&train=w&rate=1`);
    const view = render(<Page />);
    fireEvent.click(screen.getByRole('button', { name: '10 steps' }));
    expect(status(view.container)!.textContent).toBe(
      'Step 1: the loss became NaN. Shown: step 0, the last with a finite loss, 2 (it started at 2).',
    );
    const box = view.container.querySelector('.train-diverged')!.textContent!;
    expect(box).toMatch(/v1 = sqrt\(-1\.5\) = NaN \(outside the domain of sqrt\)/);
    expect(box).not.toMatch(/0 × ln 0|overshot|jumps past the minimum/);
    expect(box).toMatch(/where an operation is undefined or infinite/);
  });

  it('a run that ends finite keeps the plain headline', () => {
    openLink(line('0.05'));
    const view = render(<Page />);
    fireEvent.click(screen.getByRole('button', { name: '1 step' }));
    expect(status(view.container)!.textContent).toMatch(/^Step 1: loss [\d.]+ \(it started at 33\.142\)\.$/);
  });
});

describe('bad data in a link', () => {
  const BAD = line('0.05', 'x,t%0A0,1.1%0A1,abc');
  const reason = () => document.querySelector<HTMLElement>('.train-why');
  const details = () => document.querySelector<HTMLDetailsElement>('.train-data')!;

  it('says next to the disabled Run buttons why they are off, and opens the Data section', () => {
    openLink(BAD);
    render(<Page />);
    const run = screen.getByRole('button', { name: '10 steps' }) as HTMLButtonElement;
    expect(run.disabled).toBe(true);
    expect(reason()!.textContent).toMatch(/^Fix the data first: line 3, column 3\./);
    // The buttons are described by the reason (a screen reader hears why they are off).
    expect(run.getAttribute('aria-describedby')).toBe(reason()!.id);
    // The reason comes right after the buttons, before the Data section far below.
    expect(
      document.querySelector('.train-controls')!.compareDocumentPosition(reason()!) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(details().open).toBe(true);
    expect(details().querySelector('.train-error')!.textContent).toMatch(/line 3, column 3/);
  });

  it('applied to a page already open (a hash change): the Data section opens on the error', () => {
    openLink(line('0.05'));
    render(<Page />);
    expect(details().open).toBe(false);
    expect(reason()).toBeNull();
    openLink(BAD);
    expect(details().open).toBe(true);
    expect(reason()!.textContent).toMatch(/line 3, column 3/);
  });

  it('"Show" puts the caret in the data where the error is', async () => {
    openLink(BAD);
    render(<Page />);
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    const area = screen.getByLabelText('Training data (CSV)') as HTMLTextAreaElement;
    await waitFor(() => expect(document.activeElement).toBe(area));
    expect(area.value.slice(0, area.selectionStart)).toBe('x,t\n0,1.1\n1,');
  });

  it('once the data is fixed the reason goes and Run is offered', () => {
    openLink(BAD);
    render(<Page />);
    fireEvent.change(screen.getByLabelText('Training data (CSV)'), { target: { value: 'x,t\n0,1.1\n1,3' } });
    expect(reason()).toBeNull();
    expect((screen.getByRole('button', { name: '10 steps' }) as HTMLButtonElement).disabled).toBe(false);
  });
});
