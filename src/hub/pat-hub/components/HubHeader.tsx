/** The page header as Azure DevOps hubs show it: title, description, commands on the right. */
import * as React from "react";
import { Header, TitleSize } from "azure-devops-ui/Header";
import type { IHeaderCommandBarItem } from "azure-devops-ui/HeaderCommandBar";
import { strings } from "../strings";

export function HubHeader(props: { commands?: IHeaderCommandBarItem[] }): JSX.Element {
  return (
    <Header
      title={strings.pageTitle}
      titleSize={TitleSize.Large}
      titleAriaLevel={1}
      description={strings.pageDescription}
      commandBarItems={props.commands}
    />
  );
}
