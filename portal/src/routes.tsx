/** Which page a route shows; one entry per section of the navigation. */
import type { JSX } from "preact";
import { Empty, PageTitle } from "./components/ui";
import { PeopleAdmin } from "./pages/admin/people";
import { ExperimentPage } from "./pages/experiments/experiment";
import { ExperimentList } from "./pages/experiments/list";
import { PlanExperiment } from "./pages/experiments/plan";
import { CheckInPage } from "./pages/growth/checkin";
import { Goals } from "./pages/growth/goals";
import { KudosPage } from "./pages/growth/kudos";
import { OneOnOneList, OneOnOnePage } from "./pages/growth/oneonones";
import { TeamPage } from "./pages/growth/team";
import { IdeaBoard } from "./pages/ideas/board";
import { IdeaPage } from "./pages/ideas/idea";
import { SubmitIdea } from "./pages/ideas/submit";
import { Marketplace } from "./pages/marketplace/home";
import { MyMarketplace } from "./pages/marketplace/mine";
import { OpportunityPage } from "./pages/marketplace/opportunity";
import { PostOpportunity } from "./pages/marketplace/post";
import { MentoringHome } from "./pages/mentoring/home";
import { MentorshipPage } from "./pages/mentoring/mentorship";
import { ProgrammePage } from "./pages/mentoring/programme";
import { ProfilePage } from "./pages/profile/page";
import { Journal } from "./pages/reflections/journal";
import { TeamFeed } from "./pages/reflections/feed";
import { ChatChannels } from "./pages/notifications/channels";
import { Inbox } from "./pages/notifications/inbox";
import { Preferences } from "./pages/notifications/preferences";
import { ThemeList } from "./pages/themes/list";
import { ThemePage } from "./pages/themes/theme";

export const SECTIONS: [string, string][] = [
  ["ideas", "Ideas"],
  ["themes", "Themes"],
  ["experiments", "Experiments"],
  ["marketplace", "Marketplace"],
  ["mentoring", "Mentoring"],
  ["reflections", "Reflections"],
  ["growth", "Growth"],
  ["profile", "Profile"],
];

/** Sections only admins see in the navigation (the pages refuse anyone else too). */
export const ADMIN_SECTIONS: [string[], string][] = [[["admin", "people"], "People"]];

export function pageFor(route: string[]): JSX.Element {
  const [section = "ideas", id, more] = route;
  if (section === "ideas" && id === "new") return <SubmitIdea />;
  if (section === "ideas" && id) return <IdeaPage id={id} />;
  if (section === "ideas") return <IdeaBoard />;
  if (section === "experiments" && id === "new") return <PlanExperiment />;
  if (section === "experiments" && id) return <ExperimentPage id={id} />;
  if (section === "experiments") return <ExperimentList />;
  if (section === "themes" && id) return <ThemePage id={id} />;
  if (section === "themes") return <ThemeList />;
  if (section === "marketplace" && id === "new") return <PostOpportunity />;
  if (section === "marketplace" && id === "mine") return <MyMarketplace />;
  if (section === "marketplace" && id) return <OpportunityPage id={id} />;
  if (section === "marketplace") return <Marketplace />;
  if (section === "mentoring" && id === "programme" && more) return <ProgrammePage id={more} />;
  if (section === "mentoring" && id) return <MentorshipPage id={id} />;
  if (section === "mentoring") return <MentoringHome />;
  if (section === "profile") return <ProfilePage />;
  if (section === "notifications" && id === "preferences") return <Preferences />;
  if (section === "notifications" && id === "channels") return <ChatChannels />;
  if (section === "notifications") return <Inbox />;
  if (section === "growth" && id === "check-in") return <CheckInPage />;
  if (section === "growth" && id === "one-on-ones" && more) return <OneOnOnePage id={more} />;
  if (section === "growth" && id === "one-on-ones") return <OneOnOneList />;
  if (section === "growth" && id === "kudos") return <KudosPage />;
  if (section === "growth" && id === "team") return <TeamPage team={more} />;
  if (section === "growth") return <Goals />;
  if (section === "reflections" && id === "team") return <TeamFeed />;
  if (section === "reflections") return <Journal />;
  if (section === "admin" && id === "people") return <PeopleAdmin />;
  return (
    <>
      <PageTitle>Page not found</PageTitle>
      <Empty>Nothing lives at “{[section, id, more].filter(Boolean).join("/")}”.</Empty>
    </>
  );
}
