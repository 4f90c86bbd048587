import { describe, expect, it } from 'vitest';
import { readSections, replaceSectionMarkers, type NoteSection } from './read-sections.ts';

const fence = '```';

describe('readSections', () => {
	const cases: { name: string; body: string; bodyLine?: number; sections: NoteSection[] }[] = [
		{
			name: 'a marked heading, on its line in the file',
			body: 'Intro.\n\n## Runbook {reviewed=2026-10-01}\n\nSteps.\n',
			bodyLine: 6,
			sections: [{ heading: 'Runbook', depth: 2, line: 8, reviewed: '2026-10-01' }],
		},
		{
			name: 'several sections at several depths, unmarked headings skipped',
			body: [
				'# Cart {reviewed=2026-01-02}',
				'## Overview',
				'### Alerts   {reviewed=2026-03-04}   ',
				'   ###### Deep {reviewed=2026-05-06}',
				'## Runbook {reviewed=2026-07-08}',
			].join('\n'),
			sections: [
				{ heading: 'Cart', depth: 1, line: 1, reviewed: '2026-01-02' },
				{ heading: 'Alerts', depth: 3, line: 3, reviewed: '2026-03-04' },
				{ heading: 'Deep', depth: 6, line: 4, reviewed: '2026-05-06' },
				{ heading: 'Runbook', depth: 2, line: 5, reviewed: '2026-07-08' },
			],
		},
		{
			name: 'closing #s before or after the marker',
			body: '## Alerts ## {reviewed=2026-09-01}\n## Pages {reviewed=2026-09-02} ###\n## C# notes {reviewed=2026-09-03}\n',
			sections: [
				{ heading: 'Alerts', depth: 2, line: 1, reviewed: '2026-09-01' },
				{ heading: 'Pages', depth: 2, line: 2, reviewed: '2026-09-02' },
				{ heading: 'C# notes', depth: 2, line: 3, reviewed: '2026-09-03' },
			],
		},
		{
			name: 'a heading that is only the marker',
			body: '## {reviewed=2026-09-01}\n',
			sections: [{ heading: '', depth: 2, line: 1, reviewed: '2026-09-01' }],
		},
		{
			name: 'CRLF line endings',
			body: 'Intro.\r\n\r\n## Runbook {reviewed=2026-10-01}\r\nSteps.\r\n## Alerts {reviewed=2026-10-02}',
			bodyLine: 4,
			sections: [
				{ heading: 'Runbook', depth: 2, line: 6, reviewed: '2026-10-01' },
				{ heading: 'Alerts', depth: 2, line: 8, reviewed: '2026-10-02' },
			],
		},
		{
			name: 'headings inside fenced code are code',
			body: [
				fence,
				'## Not a section {reviewed=2026-01-01}',
				fence,
				'~~~~ markdown',
				'```',
				'## Still code {reviewed=2026-01-01}',
				'~~~',
				'## Still code, the fence was shorter {reviewed=2026-01-01}',
				'  ~~~~~  ',
				'## After the fences {reviewed=2026-02-02}',
				'````',
				'## Unclosed fences run to the end {reviewed=2026-01-01}',
			].join('\n'),
			sections: [{ heading: 'After the fences', depth: 2, line: 10, reviewed: '2026-02-02' }],
		},
		{
			name: 'indented code, and what only looks like headings or fences',
			body: [
				'Text.',
				'',
				'    ## Indented code {reviewed=2026-01-01}',
				'    ```',
				'#hashtag {reviewed=2026-01-01}',
				'####### Seven {reviewed=2026-01-01}',
				'``` inline ` code',
				'## Real {reviewed=2026-03-03}',
			].join('\n'),
			sections: [{ heading: 'Real', depth: 2, line: 8, reviewed: '2026-03-03' }],
		},
		{
			name: 'braces that are not review markers',
			body: '## Install {#install}\n## Age {frontmatter.reviewed}\n## Set {a=b}\n## Inline {reviewed=2026-01-01} text\n',
			sections: [],
		},
		{
			name: 'a marker without a space before it',
			body: '## Glued{reviewed=2026-01-01}\n',
			sections: [{ heading: 'Glued', depth: 2, line: 1, reviewed: '2026-01-01' }],
		},
	];
	for (const { name, body, bodyLine = 1, sections } of cases) {
		it(name, () => {
			expect(readSections('notes/cart.md', body, bodyLine)).toEqual({ sections, problems: [] });
		});
	}

	const bad: { name: string; line: string; error: string; column: number; message: string; hint: string }[] = [
		{
			name: 'a month that does not exist',
			line: '## Runbook {reviewed=2026-13-01}',
			error: 'SectionReviewedInvalid',
			column: 12,
			message: '`{reviewed=2026-13-01}` on heading `Runbook` is not a date like 2026-01-31.',
			hint: 'Write the date a person last confirmed the section as YYYY-MM-DD, like `## Runbook {reviewed=2026-01-31}`.',
		},
		{
			name: 'a day that does not exist',
			line: '  ### Alerts ### {reviewed=2026-02-30}',
			error: 'SectionReviewedInvalid',
			column: 18,
			message: '`{reviewed=2026-02-30}` on heading `Alerts` is not a date like 2026-01-31.',
			hint: 'Write the date a person last confirmed the section as YYYY-MM-DD, like `### Alerts {reviewed=2026-01-31}`.',
		},
		{
			name: 'a word for a date',
			line: '## Runbook {reviewed=yesterday}',
			error: 'SectionReviewedInvalid',
			column: 12,
			message: '`{reviewed=yesterday}` on heading `Runbook` is not a date like 2026-01-31.',
			hint: 'Write the date a person last confirmed the section as YYYY-MM-DD, like `## Runbook {reviewed=2026-01-31}`.',
		},
		{
			name: 'a misspelt key',
			line: '## Runbook {reviewd=2026-01-01}',
			error: 'SectionMarkerUnknown',
			column: 12,
			message: '`{reviewd=2026-01-01}` at the end of heading `Runbook` is not a section review marker.',
			hint: 'Did you mean `{reviewed=2026-01-01}`? A section review date is written as `{reviewed=YYYY-MM-DD}` at the end of its heading, with nothing else in the braces.',
		},
		{
			name: 'a space for the equals sign',
			line: '# Cart {reviewed 2026-01-01}',
			error: 'SectionMarkerUnknown',
			column: 8,
			message: '`{reviewed 2026-01-01}` at the end of heading `Cart` is not a section review marker.',
			hint: 'Did you mean `{reviewed=2026-01-01}`? A section review date is written as `{reviewed=YYYY-MM-DD}` at the end of its heading, with nothing else in the braces.',
		},
		{
			name: 'a key that only resembles the right one, without a date',
			line: '## Runbook {reveiwed}',
			error: 'SectionMarkerUnknown',
			column: 12,
			message: '`{reveiwed}` at the end of heading `Runbook` is not a section review marker.',
			hint: 'Did you mean `{reviewed=YYYY-MM-DD}`? A section review date is written as `{reviewed=YYYY-MM-DD}` at the end of its heading, with nothing else in the braces.',
		},
	];
	for (const { name, line, error, column, message, hint } of bad) {
		it(`reports ${name}`, () => {
			const body = `Intro.\n\n${line}\n\n## Fine {reviewed=2026-01-01}\n`;
			const { sections, problems } = readSections('notes/cart.md', body, 5);
			expect(sections).toEqual([{ heading: 'Fine', depth: 2, line: 9, reviewed: '2026-01-01' }]);
			expect(problems).toHaveLength(1);
			expect(problems[0]!.severity).toBe('error');
			expect(problems[0]!.error).toMatchObject({ name: error, message, hint, location: { file: 'notes/cart.md', line: 7, column } });
		});
	}
});

describe('replaceSectionMarkers', () => {
	const render = (s: { heading: string; depth: number; reviewed: string; index: number }): string =>
		`<p>${s.index}: h${s.depth} ${s.heading} on ${s.reviewed}</p>`;
	const cases: { name: string; body: string; expected: string }[] = [
		{
			name: 'a marked heading',
			body: 'Intro.\n\n## Runbook {reviewed=2026-10-01}\nSteps.\n',
			expected: 'Intro.\n\n## Runbook\n\n<p>0: h2 Runbook on 2026-10-01</p>\n\nSteps.\n',
		},
		{
			name: 'closing #s, indentation and several sections',
			body: '  ### Alerts ### {reviewed=2026-09-01}\ntext\n## Pages {reviewed=2026-09-02} ##',
			expected:
				'### Alerts\n\n<p>0: h3 Alerts on 2026-09-01</p>\n\ntext\n## Pages\n\n<p>1: h2 Pages on 2026-09-02</p>\n\n',
		},
		{
			name: 'CRLF, with untouched lines kept as they were',
			body: 'Intro.\r\n## Runbook {reviewed=2026-10-01}\r\nSteps.\nMixed.\r\n',
			expected: 'Intro.\r\n## Runbook\r\n\r\n<p>0: h2 Runbook on 2026-10-01</p>\r\n\r\nSteps.\nMixed.\r\n',
		},
		{
			name: 'CRLF body whose marked heading is the last line',
			body: 'Intro.\r\n## Runbook {reviewed=2026-10-01}',
			expected: 'Intro.\r\n## Runbook\r\n\r\n<p>0: h2 Runbook on 2026-10-01</p>\r\n\r\n',
		},
		{
			name: 'code, bad markers and foreign braces untouched; the index counts valid sections only',
			body: [
				'~~~',
				'## In code {reviewed=2026-01-01}',
				'~~~',
				'## Bad {reviewed=2026-13-01}',
				'## Typo {reviewd=2026-01-01}',
				'## Id {#id}',
				'    ## Indented {reviewed=2026-01-01}',
				'## Good {reviewed=2026-02-02}',
				'',
			].join('\n'),
			expected: [
				'~~~',
				'## In code {reviewed=2026-01-01}',
				'~~~',
				'## Bad {reviewed=2026-13-01}',
				'## Typo {reviewd=2026-01-01}',
				'## Id {#id}',
				'    ## Indented {reviewed=2026-01-01}',
				'## Good',
				'',
				'<p>0: h2 Good on 2026-02-02</p>',
				'',
				'',
			].join('\n'),
		},
		{
			name: 'a body without markers',
			body: '# Cart\r\n\r\nNothing { reviewed } here.\n',
			expected: '# Cart\r\n\r\nNothing { reviewed } here.\n',
		},
	];
	for (const { name, body, expected } of cases) {
		it(name, () => {
			expect(replaceSectionMarkers(body, render)).toBe(expected);
		});
	}

	it('numbers sections in the order readSections returns them', () => {
		const body = '# A {reviewed=2026-01-01}\n## B {reviewed=2026-13-01}\n## C {reviewed=2026-02-02}\n';
		const headings: string[] = [];
		replaceSectionMarkers(body, (s) => {
			headings[s.index] = s.heading;
			return '';
		});
		expect(headings).toEqual(readSections('a.md', body, 1).sections.map((s) => s.heading));
	});
});
