import {
  type CSSVariablesResolver,
  createTheme,
  defaultVariantColorsResolver,
  parseThemeColor,
  type VariantColorsResolver,
} from '@mantine/core';

/**
 * Mantine's coloured variants fail WCAG AA (4.5:1) for small text: white on a filled red/orange/green/teal
 * (shade 6: 2.5–3.6:1), and the text of light and outline badges (shade 6 on white or a 10 % tint). For
 * theme colours without an explicit shade, filled backgrounds and light/outline/subtle text are darkened
 * (the colour's shade 8 or 9 mixed with black), so every colour passes; an explicit shade (`red.9`) or a
 * CSS colour is left as given.
 */
const darken = (color: string, shade: number, black: number) =>
  `color-mix(in srgb, var(--mantine-color-${color}-${shade}), black ${black}%)`;

export const variantColorResolver: VariantColorsResolver = (input) => {
  const base = defaultVariantColorsResolver(input);
  const parsed = parseThemeColor({ color: input.color ?? input.theme.primaryColor, theme: input.theme });
  if (!parsed.isThemeColor || parsed.shade !== undefined || parsed.color === 'dark') return base;
  const c = parsed.color;
  switch (input.variant) {
    case 'filled':
      return {
        ...base,
        background: darken(c, 8, 25),
        hover: darken(c, 9, 30),
        color: 'var(--mantine-color-white)',
      };
    case 'light':
    case 'subtle':
      return { ...base, color: darken(c, 9, 30) };
    case 'outline':
      return { ...base, color: darken(c, 9, 30), border: `1px solid ${darken(c, 9, 10)}` };
    default:
      return base;
  }
};

export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Thai", sans-serif',
  // Keyboard focus is always visible; mouse clicks do not leave a ring.
  focusRing: 'auto',
  defaultRadius: 'sm',
  variantColorResolver,
});

/**
 * Mantine's "dimmed" grey (#868e96) has a 3.3:1 contrast on white, its link blue (blue-6) 3.6:1 and its
 * field-error red (red-6) 3.3:1; text must stay readable (WCAG AA 4.5:1, also on striped table rows), so
 * all three are darkened app-wide. A button given neither `color` nor `variant` skips the resolver above
 * and paints the primary colour's filled shade (white on blue-6: 3.6:1): darkened here the same way.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': '#5c636a',
    '--mantine-color-anchor': 'var(--mantine-color-blue-8)',
    '--mantine-color-error': 'var(--mantine-color-red-9)',
    '--mantine-primary-color-filled': darken('blue', 8, 25),
    '--mantine-primary-color-filled-hover': darken('blue', 9, 30),
  },
  dark: {},
});
