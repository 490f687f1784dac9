// Gathers greet.proto and the buf/validate/validate.proto it imports into build/proto/, the one directory buf generate
// reads: buf resolves imports within its input only. The import comes from protovalidate's jar, which the demo's Maven
// build unpacks into target/proto-imports/ in its first phase (initialize), before this page is built.
import { cpSync, existsSync, rmSync } from "node:fs";

const imports = "../../../target/proto-imports";
if (!existsSync(imports)) {
  console.error(`${imports} is missing: build the page through Maven (mvn -pl demo-app generate-resources)`);
  process.exit(1);
}
rmSync("build/proto", { recursive: true, force: true });
cpSync("../proto", "build/proto", { recursive: true });
cpSync(imports, "build/proto", { recursive: true });
