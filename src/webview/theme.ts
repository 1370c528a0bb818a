/** The VS Code theme kinds a webview can be shown in (`document.body.dataset.vscodeThemeKind`). */
export type ThemeKind = 'light' | 'dark' | 'highContrast' | 'highContrastLight';

/** Reads the theme from the body VS Code decorates; high-contrast light is not dark. */
export function currentTheme(body: HTMLElement = document.body): ThemeKind {
  const kind = body.dataset.vscodeThemeKind ?? '';
  if (
    kind === 'vscode-high-contrast-light' ||
    body.classList.contains('vscode-high-contrast-light')
  ) {
    return 'highContrastLight';
  }
  if (kind === 'vscode-high-contrast' || body.classList.contains('vscode-high-contrast')) {
    return 'highContrast';
  }
  if (kind === 'vscode-dark' || body.classList.contains('vscode-dark')) return 'dark';
  return 'light';
}

/** Mermaid's built-in theme for each kind; contrast is raised further by the stylesheet. */
export function mermaidTheme(kind: ThemeKind): 'default' | 'dark' | 'neutral' {
  switch (kind) {
    case 'dark':
    case 'highContrast':
      return 'dark';
    case 'highContrastLight':
      return 'neutral';
    case 'light':
      return 'default';
  }
}

/** Calls `onChange` whenever VS Code switches the theme (it rewrites the body's class). */
export function watchTheme(onChange: (kind: ThemeKind) => void): void {
  let last = currentTheme();
  new MutationObserver(() => {
    const next = currentTheme();
    if (next !== last) {
      last = next;
      onChange(next);
    }
  }).observe(document.body, {
    attributes: true,
    attributeFilter: ['class', 'data-vscode-theme-kind'],
  });
}
