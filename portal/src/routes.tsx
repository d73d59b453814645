/** Which page a route shows; one entry per section of the navigation. */
import type { JSX } from "preact";
import { Empty, PageTitle } from "./components/ui";
import { ExperimentPage } from "./pages/experiments/experiment";
import { ExperimentList } from "./pages/experiments/list";
import { IdeaBoard } from "./pages/ideas/board";
import { IdeaPage } from "./pages/ideas/idea";
import { SubmitIdea } from "./pages/ideas/submit";
import { Journal } from "./pages/reflections/journal";
import { TeamFeed } from "./pages/reflections/feed";

export const SECTIONS: [string, string][] = [
  ["ideas", "Ideas"],
  ["experiments", "Experiments"],
  ["reflections", "Reflections"],
];

export function pageFor(route: string[]): JSX.Element {
  const [section = "ideas", id, more] = route;
  if (section === "ideas" && id === "new") return <SubmitIdea />;
  if (section === "ideas" && id) return <IdeaPage id={id} />;
  if (section === "ideas") return <IdeaBoard />;
  if (section === "experiments" && id) return <ExperimentPage id={id} />;
  if (section === "experiments") return <ExperimentList />;
  if (section === "reflections" && id === "team") return <TeamFeed />;
  if (section === "reflections") return <Journal />;
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <Empty>Nothing lives at “{[section, id, more].filter(Boolean).join("/")}”.</Empty>
    </>
  );
}
