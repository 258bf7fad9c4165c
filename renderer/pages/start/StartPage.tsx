import { PageColumn } from '../common/PageLayout';
import { WelcomeCard } from './WelcomeCard';

export function StartPage() {
  return (
    <PageColumn>
      <WelcomeCard />
    </PageColumn>
  );
}
