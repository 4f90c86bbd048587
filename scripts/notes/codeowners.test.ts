import { describe, expect, it } from 'vitest';
import { codeownersRule, parseCodeowners } from './codeowners.ts';

const owners = (text: string, file: string) => codeownersRule(parseCodeowners('CODEOWNERS', text), file)?.owners ?? null;

describe('parseCodeowners', () => {
	it('reads rules with their lines, skipping comments and blank lines, and unescapes a leading #', () => {
		const parsed = parseCodeowners('.github/CODEOWNERS', '# owners\n\n*       @acme/platform  # everyone else\ndocs/ docs@example.com @jane\n\\#notes @acme/writers\n');
		expect(parsed.rules.map(({ pattern, owners, line }) => ({ pattern, owners, line }))).toEqual([
			{ pattern: '*', owners: ['@acme/platform'], line: 3 },
			{ pattern: 'docs/', owners: ['docs@example.com', '@jane'], line: 4 },
			{ pattern: '#notes', owners: ['@acme/writers'], line: 5 },
		]);
		expect(parsed.skipped).toEqual([]);
	});

	it('skips what GitHub skips: negation, character ranges, owners that are no user, team or email', () => {
		const parsed = parseCodeowners('CODEOWNERS', '!secret @jane\n*.[ch] @jane\nsrc/ jane\nlib/ @jane\n');
		expect(parsed.rules.map((r) => r.line)).toEqual([4]);
		expect(parsed.skipped.map((s) => s.line)).toEqual([1, 2, 3]);
		expect(parsed.skipped[2]!.reason).toContain('`jane`');
	});
});

describe('codeownersRule', () => {
	it('lets the last matching rule win, so a later rule overrides an earlier one', () => {
		const text = '* @acme/platform\n/content/notes/ @acme/docs\n/content/notes/checkout.md @acme/payments\n';
		expect(owners(text, 'content/notes/checkout.md')).toEqual(['@acme/payments']);
		expect(owners(text, 'content/notes/cart.md')).toEqual(['@acme/docs']);
		expect(owners(text, 'src/index.ts')).toEqual(['@acme/platform']);
		expect(codeownersRule(parseCodeowners('CODEOWNERS', text), 'content/notes/cart.md')?.line).toBe(2);
	});

	it('anchors a pattern with a leading or inner slash to the root, and matches one without at any depth', () => {
		expect(owners('/notes/ @a', 'notes/x.md')).toEqual(['@a']);
		expect(owners('/notes/ @a', 'content/notes/x.md')).toBeNull();
		expect(owners('content/notes @a', 'content/notes/x.md')).toEqual(['@a']);
		expect(owners('content/notes @a', 'site/content/notes/x.md')).toBeNull();
		expect(owners('notes/ @a', 'site/content/notes/x.md')).toEqual(['@a']);
		expect(owners('checkout.md @a', 'content/notes/checkout.md')).toEqual(['@a']);
		expect(owners('checkout.md @a', 'content/notes/checkout.mdx')).toBeNull();
	});

	it('treats a trailing slash as a folder only, and a name without one as a file or a folder', () => {
		expect(owners('notes/ @a', 'notes')).toBeNull();
		expect(owners('notes/ @a', 'notes/deep/x.md')).toEqual(['@a']);
		expect(owners('/apps/github @a', 'apps/github')).toEqual(['@a']);
		expect(owners('/apps/github @a', 'apps/github/x.md')).toEqual(['@a']);
		expect(owners('/apps/github @a', 'apps/githubber/x.md')).toBeNull();
	});

	it('keeps * and ? within a folder, and dir/* to the files directly in it', () => {
		expect(owners('*.md @a', 'content/notes/x.md')).toEqual(['@a']);
		expect(owners('*.md @a', 'content/notes/x.mdx')).toBeNull();
		expect(owners('/content/*.md @a', 'content/notes/x.md')).toBeNull();
		expect(owners('docs/* @a', 'docs/x.md')).toEqual(['@a']);
		expect(owners('docs/* @a', 'docs/build/x.md')).toBeNull();
		expect(owners('/notes/?.md @a', 'notes/a.md')).toEqual(['@a']);
		expect(owners('/notes/?.md @a', 'notes/ab.md')).toBeNull();
		expect(owners('a.b @a', 'axb')).toBeNull();
	});

	it('lets ** cross folders: leading, inner and trailing', () => {
		expect(owners('**/logs @a', 'logs/x')).toEqual(['@a']);
		expect(owners('**/logs @a', 'build/deep/logs/x')).toEqual(['@a']);
		expect(owners('/content/**/checkout.md @a', 'content/checkout.md')).toEqual(['@a']);
		expect(owners('/content/**/checkout.md @a', 'content/notes/team/checkout.md')).toEqual(['@a']);
		expect(owners('/content/**/checkout.md @a', 'other/notes/checkout.md')).toBeNull();
		expect(owners('/content/** @a', 'content/notes/x.md')).toEqual(['@a']);
		expect(owners('/content/** @a', 'contents/x.md')).toBeNull();
	});

	it('gives a rule with no owners, which leaves what it matches unowned', () => {
		const text = '/content/ @acme/docs\n/content/notes/draft.md\n';
		const rule = codeownersRule(parseCodeowners('CODEOWNERS', text), 'content/notes/draft.md');
		expect(rule).toMatchObject({ owners: [], line: 2 });
		expect(owners(text, 'content/notes/live.md')).toEqual(['@acme/docs']);
	});

	it('finds no rule in an empty file or for a path nothing matches', () => {
		expect(owners('# nothing yet\n', 'content/notes/x.md')).toBeNull();
		expect(owners('/src/ @a\n', 'content/notes/x.md')).toBeNull();
	});
});
