import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';

// `base: './'` makes the built `dist/` work from any sub-path (a course page, a USB stick).
export default defineConfig({
  base: './',
  plugins: [react()],
  build: { target: 'es2022', sourcemap: false },
  test: {
    include: ['tests/core/**/*.test.ts', 'tests/ui/**/*.test.{ts,tsx}', 'tests/state/**/*.test.ts', 'tests/cli/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60000,
  },
});
