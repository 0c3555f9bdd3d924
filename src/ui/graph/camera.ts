/**
 * The arithmetic of the graph's camera, apart from the DOM: a view is the zoom transform
 * p ↦ (x + k·p.x, y + k·p.y) (fit.ts), and the gestures of useCamera.ts are a few lines each here.
 * It does what d3-zoom did for us, with its numbers (wheel steps, smooth zoom path), in under a
 * kilobyte instead of eight packages (d3-zoom, -selection, -transition, -interpolate, -color, …).
 */
import type { View } from './fit';

export type Point = readonly [number, number];

/** The `transform` attribute that draws a view (the same text d3-zoom wrote). */
export const transformOf = (v: View): string => `translate(${v.x},${v.y}) scale(${v.k})`;

/** The layout point drawn at canvas point `p`. */
export const invert = (v: View, p: Point): [number, number] => [(p[0] - v.x) / v.k, (p[1] - v.y) / v.k];

/** The view at zoom `k` that draws layout point `l` at canvas point `p`. */
export const zoomAbout = (k: number, p: Point, l: Point): View => ({
  x: p[0] - l[0] * k,
  y: p[1] - l[1] * k,
  k,
});

export const midpoint = (a: Point, b: Point): [number, number] => [(a[0] + b[0]) / 2, (a[1] + b[1]) / 2];

export const clamp = (k: number, [lo, hi]: readonly [number, number]): number =>
  Math.max(lo, Math.min(hi, k));

/**
 * How far one wheel event zooms, as a power of two: d3-zoom's steps (a mouse notch of 100 px halves
 * or doubles the zoom in five notches; a pinch on a touchpad, which arrives as a wheel with Ctrl, ten
 * times faster).
 */
export const wheelDelta = (e: { deltaY: number; deltaMode: number; ctrlKey: boolean }): number =>
  -e.deltaY * (e.deltaMode === 1 ? 0.05 : e.deltaMode ? 1 : 0.002) * (e.ctrlKey ? 10 : 1);

/** Cubic ease in and out: slow, fast, slow. */
export const easeCubicInOut = (t: number): number => ((t *= 2) <= 1 ? t * t * t : (t -= 2) * t * t + 2) / 2;

/** A view as its centre and visible width: [cx, cy, w] in layout units. */
export type Frame = readonly [number, number, number];

export interface ZoomPath {
  /** The frame at time u ∈ [0, 1]. */
  readonly at: (u: number) => Frame;
  /** The path's natural duration in milliseconds (its length in the metric below). */
  readonly duration: number;
}

const RHO = Math.SQRT2;

/**
 * The smooth zoom path between two frames (van Wijk and Nuij, "Smooth and efficient zooming and
 * panning", 2003, with ρ = √2): out, across and in, so that the eye keeps its bearings, the way
 * d3-interpolate's interpolateZoom goes. With u the pan distance, w the visible width, the path is
 *
 *   w(s) = w0 cosh r0 / cosh(ρs + r0),   u(s) = w0/ρ² (cosh r0 tanh(ρs + r0) − sinh r0),
 *
 * for s ∈ [0, S]; without panning, w(s) = w0 e^{ρs}.
 */
export function zoomPath(from: Frame, to: Frame): ZoomPath {
  const [ux0, uy0, w0] = from;
  const [ux1, uy1, w1] = to;
  const dx = ux1 - ux0;
  const dy = uy1 - uy0;
  const d2 = dx * dx + dy * dy;
  const rho2 = RHO * RHO;
  const rho4 = rho2 * rho2;
  let at: (u: number) => Frame;
  let S: number;
  if (d2 < 1e-12) {
    S = Math.log(w1 / w0) / RHO;
    at = (t) => [ux0 + t * dx, uy0 + t * dy, w0 * Math.exp(RHO * t * S)];
  } else {
    const d1 = Math.sqrt(d2);
    const b0 = (w1 * w1 - w0 * w0 + rho4 * d2) / (2 * w0 * rho2 * d1);
    const b1 = (w1 * w1 - w0 * w0 - rho4 * d2) / (2 * w1 * rho2 * d1);
    const r0 = Math.log(Math.sqrt(b0 * b0 + 1) - b0);
    const r1 = Math.log(Math.sqrt(b1 * b1 + 1) - b1);
    S = (r1 - r0) / RHO;
    const coshR0 = Math.cosh(r0);
    at = (t) => {
      const s = t * S;
      const u = (w0 / (rho2 * d1)) * (coshR0 * Math.tanh(RHO * s + r0) - Math.sinh(r0));
      return [ux0 + u * dx, uy0 + u * dy, (w0 * coshR0) / Math.cosh(RHO * s + r0)];
    };
  }
  return { at, duration: (Math.abs(S) * 1000 * RHO) / Math.SQRT2 };
}
