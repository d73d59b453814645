import { defineConfig } from "vite";
import preact from "@preact/preset-vite";

// `npm run dev` forwards the API to a running gateway (make run: port 8000).
const gateway = process.env.KAIZEN_URL ?? "http://127.0.0.1:8000";

export default defineConfig({
  plugins: [preact()],
  server: { proxy: { "/graphql": gateway, "/auth": gateway } },
  build: { outDir: "dist", emptyOutDir: true, sourcemap: false, chunkSizeWarningLimit: 400 },
});
