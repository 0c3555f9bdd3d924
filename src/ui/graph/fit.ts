/**
 * Framing the graph: the zoom and pan that show all of it as large as the canvas allows, kept clear
 * of the controls drawn over the canvas (the Fit button and the value key). Pure arithmetic on
 * rectangles; the camera (useCamera.ts) applies the result.
 */

export interface Rect {
  readonly x: number;
  readonly y: number;
  readonly width: number;
  readonly height: number;
}

export interface Size {
  readonly width: number;
  readonly height: number;
}

/** A zoom transform: a layout point p is drawn at (x + k·p.x, y + k·p.y). */
export interface View {
  readonly x: number;
  readonly y: number;
  readonly k: number;
}

export const FIT_PADDING = 12;

/**
 * Fitting never goes below this: a graph that would need less (a sum of a thousand terms, a hundred
 * thousand pixels long) is framed from its inputs at this zoom instead of shrinking to a hairline;
 * zooming out further shows the rest.
 */
export const MIN_FIT_SCALE = 0.03;

/** The zoom that frames `bounds` in `area`: never above `cap`, as small as the graph needs. */
export function fitScale(bounds: Rect, area: Size, cap: number): number {
  const w = Math.max(bounds.width, 1);
  const h = Math.max(bounds.height, 1);
  return Math.max(
    1e-4,
    Math.min(cap, (area.width - 2 * FIT_PADDING) / w, (area.height - 2 * FIT_PADDING) / h),
  );
}

/** Frames `bounds` in the rectangle `area` of the canvas: centred where it fits, else from its start. */
function frameIn(bounds: Rect, area: Rect, cap: number): View {
  const w = Math.max(bounds.width, 1);
  const h = Math.max(bounds.height, 1);
  const k = Math.max(MIN_FIT_SCALE, fitScale(bounds, area, cap));
  const x =
    w * k <= area.width - 2 * FIT_PADDING
      ? area.x + area.width / 2 - (bounds.x + w / 2) * k
      : area.x + FIT_PADDING - bounds.x * k;
  const y =
    h * k <= area.height - 2 * FIT_PADDING
      ? area.y + area.height / 2 - (bounds.y + h / 2) * k
      : area.y + FIT_PADDING - bounds.y * k;
  return { x, y, k };
}

const overlaps = (a: Rect, b: Rect): boolean =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/** Whether any of `boxes` (layout coordinates) lands on `obstacle` (canvas coordinates) in `view`. */
export function covers(view: View, boxes: readonly Rect[], obstacle: Rect): boolean {
  return boxes.some((b) =>
    overlaps(
      {
        x: view.x + b.x * view.k,
        y: view.y + b.y * view.k,
        width: b.width * view.k,
        height: b.height * view.k,
      },
      obstacle,
    ),
  );
}

/**
 * The view that frames the whole graph. With an obstacle (the controls in a corner), the graph is
 * framed in the whole canvas if nothing drawn lands on it; otherwise moved aside within the room
 * left over, or framed beside or below the obstacle, whichever keeps the largest zoom.
 */
export function fitView(
  bounds: Rect,
  size: Size,
  cap: number,
  obstacle: Rect | null = null,
  boxes: readonly Rect[] = [],
): View {
  const whole = frameIn(bounds, { x: 0, y: 0, ...size }, cap);
  if (!obstacle || boxes.length === 0 || !covers(whole, boxes, obstacle)) return whole;
  const candidates: View[] = [];
  // Moved aside: left or down by as much as the slack around the centred graph allows.
  const slackX = size.width - 2 * FIT_PADDING - bounds.width * whole.k;
  const slackY = size.height - 2 * FIT_PADDING - bounds.height * whole.k;
  if (slackX > 0) candidates.push({ ...whole, x: whole.x - slackX / 2 });
  if (slackY > 0) candidates.push({ ...whole, y: whole.y + slackY / 2 });
  const gap = 4;
  const below = obstacle.y + obstacle.height + gap;
  if (below < size.height / 2)
    candidates.push(frameIn(bounds, { x: 0, y: below, width: size.width, height: size.height - below }, cap));
  const left = obstacle.x - gap;
  if (left > size.width / 2)
    candidates.push(frameIn(bounds, { x: 0, y: 0, width: left, height: size.height }, cap));
  let best: View | null = null;
  for (const v of candidates) {
    if (covers(v, boxes, obstacle)) continue;
    if (!best || v.k > best.k) best = v;
  }
  return best ?? whole;
}
