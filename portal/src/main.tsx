import { render } from "preact";
import { startAuth } from "./api/oidc";
import { App } from "./app";
import "./styles.css";

render(<App />, document.getElementById("app")!);
void startAuth();
