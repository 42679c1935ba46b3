import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      ".next-*/**",
      ".test-results/**",
      "test-results-*/**",
      "lib/generated/**",
      "node_modules/**",
      ".data*/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
      // Built by scripts/build-sw.ts from sw/sw.ts (linted there).
      "public/sw.js",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  // The layers hold by themselves (issue 14): routes and components reach the database only
  // through lib/ (which checks the user's capability and commune); lib never renders components.
  {
    files: ["app/**/*.{ts,tsx}", "components/**/*.{ts,tsx}"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "@/lib/db", message: "Read and write through a lib/ function that checks the user's capability." },
            { name: "pg", message: "Read and write through a lib/ function that checks the user's capability." },
          ],
          patterns: [
            {
              group: ["@/lib/generated/*", "@/lib/generated/**"],
              allowTypeImports: true,
              message: "Only types from the generated client: data goes through lib/.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["lib/**/*.{ts,tsx}"],
    // Tests of lib may call the routes and actions that use it.
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              // lib says no in one way (docs/decisions/0015-one-refusal.md): it throws Refusal,
              // Forbidden or NotFound; only the session guards (lib/auth/session.ts) redirect.
              name: "next/navigation",
              importNames: ["forbidden", "notFound", "unauthorized"],
              message: "Throw Forbidden or NotFound from @/lib/validation/refusal.",
            },
          ],
          patterns: [
            { group: ["@/components/*", "@/components/**", "@/app/*", "@/app/**"], message: "lib/ never imports the UI." },
          ],
        },
      ],
    },
  },
];

export default config;
