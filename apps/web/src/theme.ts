import { createTheme } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'blue',
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans Thai", sans-serif',
  // Keyboard focus is always visible; mouse clicks do not leave a ring.
  focusRing: 'auto',
  defaultRadius: 'sm',
});
