/**
 * Text that looks like markup, to put in data: each piece would break out of an element, a style
 * sheet, an attribute, a comment or a CDATA section if it were not escaped. Read by
 * tests/robustness/markup.test.ts (every place text reaches) and tests/e2e/build-lockdown.test.ts
 * (the printed PDF).
 */
export const MARKUP_PAYLOADS = [
  '</style><h1 id=pwn>INJECTED</h1>',
  '<iframe src=x>',
  '<meta http-equiv=refresh content=0>',
  '"><svg onload=alert(1)>',
  '*/ body{display:none} /*',
  ']]>',
];
