import type { MermaidConfig } from 'mermaid';

/**
 * The settings every diagram is rendered with, at build time and in the reader's browser alike:
 * strict security, labels as SVG text rather than HTML, light colours that read on the site's
 * white diagram card in both colour schemes, and no wrapping (see below).
 */
const settings = {
	startOnLoad: false,
	// A diagram that fails leaves no error picture behind in the page: the source stays instead.
	suppressErrorRendering: true,
	securityLevel: 'strict',
	htmlLabels: false,
	deterministicIds: true,
	// Some shapes are drawn with rough.js even in the classic look; a fixed seed keeps the SVG
	// byte-identical from build to build.
	handDrawnSeed: 1,
	theme: 'base',
	// Arial, or its metric twin Liberation Sans on Linux build machines, so boxes measured at
	// build time fit the text the reader's browser draws.
	fontFamily: 'Arial, "Liberation Sans", Helvetica, sans-serif',
	themeVariables: {
		fontFamily: 'Arial, "Liberation Sans", Helvetica, sans-serif',
		fontSize: '14px',
		darkMode: false,
		background: '#ffffff',
		primaryColor: '#f6f8fa',
		primaryTextColor: '#1b1f24',
		primaryBorderColor: '#57606a',
		secondaryColor: '#eaeef2',
		tertiaryColor: '#ffffff',
		lineColor: '#57606a',
		textColor: '#1b1f24',
		edgeLabelBackground: '#ffffff',
	},
	flowchart: {
		htmlLabels: false,
		useMaxWidth: true,
		curve: 'basis',
		// Labels are capped in length instead: with SVG-text labels Mermaid measures entity codes
		// as written and may split a long word inside one, which would show as garbage.
		wrappingWidth: 100_000,
	},
} as const satisfies MermaidConfig;

/**
 * The Mermaid configuration of every diagram, `settings` locked. Mermaid lets a diagram's own
 * `%%{init}%%` directive or `config:` frontmatter override any option not listed in `secure`, and a
 * note's diagram is written by whoever wrote the note: so nothing set above, nor what reaches CSS
 * or the sanitizer (`themeCSS`, `altFontFamily`, `dompurifyConfig`, the layout engines), can be
 * changed from inside a diagram.
 */
export const mermaidConfig = {
	...settings,
	secure: [
		'secure',
		'maxTextSize',
		'maxEdges',
		...(Object.keys(settings) as (keyof typeof settings)[]),
		'themeCSS',
		'altFontFamily',
		'dompurifyConfig',
		'arrowMarkerAbsolute',
		'look',
		'layout',
		'elk',
		'deterministicIDSeed',
		'markdownAutoWrap',
		'legacyMathML',
		'forceLegacyMathML',
	],
} as const satisfies MermaidConfig;
