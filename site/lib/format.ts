import { isSafeLinkUrl } from '../../scripts/lib/safe-url.ts';

/** Formats an ISO date-time as `2026-11-23 14:05 UTC`. */
export function formatDateTime(iso: string): string {
	return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** Formats a number with thousands separators, independent of the build machine's locale. */
export function formatNumber(n: number): string {
	return n.toLocaleString('en-US');
}

/** Formats a share as a percentage with one decimal. */
export function formatPercent(part: number, whole: number): string {
	return whole === 0 ? '–' : `${((100 * part) / whole).toFixed(1)}%`;
}

/** Formats milliseconds for a latency column. */
export function formatMs(ms: number): string {
	return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

/** Formats a signed change: +3, −2, ±0. */
export function formatDelta(delta: number): string {
	if (delta === 0) return '±0';
	return delta > 0 ? `+${delta}` : `−${-delta}`;
}

/** The address itself when a page may link to it (http, https, mailto), else null. */
export function safeUrl(text: string): string | null {
	return isSafeLinkUrl(text.trim()) ? text.trim() : null;
}

/** Formats a confidence from 0 to 1 as a whole percentage, or a dash when there is none. */
export function formatConfidence(value: number | null | undefined): string {
	return value === null || value === undefined ? '–' : `${Math.round(value * 100)}%`;
}
