/** The marketplace: what is recommended for you, then every opportunity to browse. */
import { PageTitle } from "../../components/ui";
import { href } from "../../router";
import { Browse } from "./browse";
import { Recommended } from "./recommended";

export function Marketplace() {
  return (
    <>
      <div class="title-row">
        <PageTitle>Marketplace</PageTitle>
        <div class="actions">
          <a class="button" href={href("marketplace", "mine")}>
            My applications
          </a>
          <a class="button primary" href={href("marketplace", "new")}>
            Post an opportunity
          </a>
        </div>
      </div>
      <Recommended />
      <Browse />
    </>
  );
}
