// The Prisma CLI is used to generate the client and to diff schemas for new migrations; the app applies
// migrations itself at start (src/db/migrate.ts). The placeholder URL keeps the CLI from falling back to
// downloading a native engine (these machines cannot reach it); the adapter decides the real backend.
import { defineConfig } from "prisma/config";

const realUrl = process.env.DATABASE_URL;
process.env.DATABASE_URL ??= "postgresql://placeholder@localhost/placeholder";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    if (realUrl) {
      const { PrismaPg } = await import("@prisma/adapter-pg");
      return new PrismaPg({ connectionString: realUrl });
    }
    const { PGlite } = await import("@electric-sql/pglite");
    const { PrismaPGlite } = await import("pglite-prisma-adapter");
    return new PrismaPGlite(new PGlite());
  },
});
