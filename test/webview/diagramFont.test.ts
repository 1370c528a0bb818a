import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagramFontFamily } from '../../src/webview/diagramFont';

test('an English page keeps Mermaid’s own font stack', () => {
  assert.equal(diagramFontFamily('en'), '"trebuchet ms", verdana, arial, sans-serif');
  assert.equal(diagramFontFamily(''), '"trebuchet ms", verdana, arial, sans-serif');
});

test('a Chinese page names the Chinese fonts, after the Latin ones and before sans-serif', () => {
  for (const lang of ['zh-cn', 'zh-CN', 'zh']) {
    const fonts = diagramFontFamily(lang).split(', ');
    assert.deepEqual(fonts.slice(0, 3), ['"trebuchet ms"', 'verdana', 'arial'], lang);
    assert.equal(fonts[3], '"Noto Sans CJK SC"', lang);
    assert.equal(fonts.at(-1), 'sans-serif', lang);
  }
});
