# Socialdesk initialdata for Request Tracker 5.0 (tested on Debian bookworm's 5.0.3).
#
# Apply on the RT host, as a user who can read RT's configuration:
#     rt-setup-database-5 --action insert --skip-create --datafile rt/initialdata/socialdesk.pl
# (--skip-create: use RT's own database account, so nothing asks for a DBA password)
# It is safe to apply again: every step looks before it creates or changes anything.
#
# It does what REST2 cannot (see docs/admin/rt-setup.md):
#   1. creates the privileged service user 'socialdesk' (no email address, a random
#      password nobody needs: the connector authenticates with an auth token);
#   2. grants it the global rights the connector and `socialdesk rt provision` use;
#   3. keeps RT's notification and autoreply scrips off the Social queue, which does
#      not exist yet (the connector creates it through REST2): each global scrip that
#      sends mail gets a condition that says "no" in that queue and otherwise asks the
#      stock condition it replaces;
#   4. adds the optional "doorbell" scrip, which tells Socialdesk right away about a
#      reply or comment in the Social queue. It does nothing until the RT option
#      $SocialdeskDoorbellURL is set;
#   5. adds the "post time" scrip: a ticket the connector creates gets the customer's
#      posting time as its Created date, from the SocialPostedAt custom field. REST2
#      itself ignores Created on create since Debian's security update
#      5.0.3+dfsg-3~deb12u7 (earlier 5.0.3 packages took it).
#
# RT options read at run time (set them in RT_SiteConfig.d/, then restart RT):
#   Set($SocialdeskQueue, 'Social');        # the queue to keep quiet; default 'Social'
#   Set($SocialdeskDoorbellURL, 'http://127.0.0.1:8080/api/helpdesk/rt/doorbell');
#
# RT loads this file inside RT::Handle::InsertData, so the arrays below are the ones it
# localises there; the subs are lexical so that nothing leaks into RT::Handle.

use strict;
use warnings;

our @Final;

my $SERVICE_USER = 'socialdesk';

# Global rights of the service user. The first group is what the connector needs to
# turn posts into tickets (docs/rt-rest2-notes.md, section 8); the second lets
# `socialdesk rt provision` create the Social queue, its custom fields and their values.
my @SERVICE_RIGHTS = qw(
    AdminUsers CreateTicket ShowTicket ReplyToTicket CommentOnTicket ModifyTicket
    SeeQueue SeeCustomField ModifyCustomField ShowTicketComments
    AdminQueue AdminCustomField AdminCustomFieldValues AssignCustomFields
);

# Scrip actions (by ExecModule) that send mail on their own. Forwarding (SendForward)
# is left alone: an agent who forwards a ticket means it.
my %MAIL_ACTIONS = map { $_ => 1 }
    qw(Autoreply Notify NotifyAsComment NotifyGroup NotifyGroupAsComment);

# Marks the code we put into a scrip, so a second run recognises its own work.
my $GUARD_MARK = '# socialdesk-guard:';

# The code of a guarded scrip's condition: never in the Social queue, elsewhere
# exactly what the stock condition __ID__ ("__NAME__") says.
my $GUARD_CODE = <<'PERL';
# socialdesk-guard: stock condition __ID__ ("__NAME__"), never in the Social queue.
# Undo: set this scrip's condition back to "__NAME__" (rt/initialdata/socialdesk.pl).
my $social = RT->Config->Get('SocialdeskQueue') || 'Social';
return 0 if $self->TicketObj->QueueObj->Name eq $social;
my $stock = RT::ScripCondition->new($self->CurrentUser);
$stock->Load(__ID__);
return 0 unless $stock->id;
$stock->LoadCondition(
    ScripObj       => $self->ScripObj,
    TicketObj      => $self->TicketObj,
    TransactionObj => $self->TransactionObj,
);
return $stock->IsApplicable;
PERL

my $DOORBELL = 'Socialdesk doorbell';

my $DOORBELL_CONDITION_CODE = <<'PERL';
# Ring only when configured, only in the Social queue, never for the connector's own
# transactions (it knows about those already).
return 0 unless RT->Config->Get('SocialdeskDoorbellURL');
my $social = RT->Config->Get('SocialdeskQueue') || 'Social';
return 0 unless $self->TicketObj->QueueObj->Name eq $social;
return 0 if $self->TransactionObj->CreatorObj->Name eq 'socialdesk';
return 1;
PERL

my $DOORBELL_COMMIT_CODE = <<'PERL';
# Tell Socialdesk which transaction is new; it reads the rest through REST2.
# Runs inside the RT request, hence the short timeout; failures are ignored because
# Socialdesk also polls for new transactions.
my $url = RT->Config->Get('SocialdeskDoorbellURL') or return 1;
eval {
    require HTTP::Tiny;
    require JSON;
    my $body = JSON::encode_json({
        ticket_id => 0 + $self->TicketObj->id,
        txn_id    => 0 + $self->TransactionObj->id,
    });
    my $res = HTTP::Tiny->new(timeout => 1)->post($url, {
        headers => { 'Content-Type' => 'application/json' },
        content => $body,
    });
    RT->Logger->debug("Socialdesk doorbell: $url answered $res->{status}");
    1;
} or RT->Logger->warning("Socialdesk doorbell: $@");
return 1;
PERL

my $POST_TIME = 'Socialdesk post time';

my $POST_TIME_CONDITION_CODE = <<'PERL';
# Only tickets the connector creates, and only when it sent the posting time.
return 0 unless $self->TransactionObj->CreatorObj->Name eq 'socialdesk';
my $posted = $self->TicketObj->FirstCustomFieldValue('SocialPostedAt');
return defined $posted && length $posted ? 1 : 0;
PERL

my $POST_TIME_COMMIT_CODE = <<'PERL';
# Created becomes the customer's posting time (UTC), so that the ticket's age in RT is
# how long the customer has waited. Never a time in the future. The Create transaction
# keeps its real time.
my $posted = RT::Date->new(RT->SystemUser);
$posted->Set(Format => 'ISO', Value => $self->TicketObj->FirstCustomFieldValue('SocialPostedAt'), Timezone => 'UTC');
return 1 unless $posted->Unix > 0 && $posted->Unix <= time;
my ($ok, $msg) = $self->TicketObj->__Set(Field => 'Created', Value => $posted->ISO);
RT->Logger->warning("Socialdesk post time: could not set Created: $msg") unless $ok;
return 1;
PERL

my $say = sub { RT->Logger->info("socialdesk initialdata: $_[0]"); print "socialdesk initialdata: $_[0]\n" };
my $fail = sub { die "socialdesk initialdata: $_[0]\n" };

my $ensure_service_user = sub {
    my $user = RT::User->new(RT->SystemUser);
    $user->Load($SERVICE_USER);
    if ($user->id) {
        $say->("user $SERVICE_USER exists (id " . $user->id . ")");
        $user->SetPrivileged(1) unless $user->Privileged;
        return $user;
    }
    my $password = join '', map { sprintf '%02x', int rand 256 } 1 .. 24;
    my ($id, $msg) = $user->Create(
        Name       => $SERVICE_USER,
        RealName   => 'Socialdesk connector',
        Comments   => 'Service account of Socialdesk. Authenticates with an auth token.',
        Privileged => 1,
        Password   => $password,
    );
    $fail->("could not create user $SERVICE_USER: $msg") unless $id;
    $say->("created user $SERVICE_USER (id $id)");
    return $user;
};

my $ensure_rights = sub {
    my ($user) = @_;
    my $principal = $user->PrincipalObj;
    for my $right (@SERVICE_RIGHTS) {
        my $ace = RT::ACE->new(RT->SystemUser);
        $ace->LoadByValues(
            PrincipalId => $principal->id, PrincipalType => 'User',
            RightName => $right, Object => RT->System,
        );
        next if $ace->id;
        my ($ok, $msg) = $principal->GrantRight(Right => $right, Object => RT->System);
        $fail->("could not grant $right: $msg") unless $ok;
        $say->("granted $right to $SERVICE_USER");
    }
};

# One UserDefined condition per stock condition we replace, with the same transaction
# types, so RT still filters scrips by transaction type in SQL before running code.
my $guard_condition_for = sub {
    my ($stock) = @_;
    my $name = $stock->Name . ' (not in Social queue)';
    my $cond = RT::ScripCondition->new(RT->SystemUser);
    $cond->Load($name);
    return $cond if $cond->id;
    my ($id, $msg) = $cond->Create(
        Name                 => $name,
        Description          => 'Like "' . $stock->Name . '", but never in the queue named by'
                              . ' $SocialdeskQueue (default Social). Added by Socialdesk.',
        ExecModule           => 'UserDefined',
        ApplicableTransTypes => $stock->ApplicableTransTypes,
    );
    $fail->("could not create condition '$name': $msg") unless $id;
    $say->("created condition '$name'");
    return $cond;
};

my $keep_mail_scrips_off_social = sub {
    my $scrips = RT::Scrips->new(RT->SystemUser);
    $scrips->LimitToGlobal;
    $scrips->FindAllRows;    # disabled ones too: someone may enable them later
    my %seen;
    while (my $scrip = $scrips->Next) {
        next if $seen{ $scrip->id }++;
        next unless $MAIL_ACTIONS{ $scrip->ActionObj->ExecModule };
        my $code = $scrip->CustomIsApplicableCode // '';
        next if index($code, $GUARD_MARK) >= 0;    # done on an earlier run
        my $stock = $scrip->ConditionObj;
        if ($stock->ExecModule eq 'UserDefined') {
            # Already custom code: put our check in front of it.
            my $guarded = "$GUARD_MARK not in the Social queue\n"
                . "return 0 if \$self->TicketObj->QueueObj->Name eq (RT->Config->Get('SocialdeskQueue') || 'Social');\n"
                . $code;
            my ($ok, $msg) = $scrip->SetCustomIsApplicableCode($guarded);
            $fail->("scrip " . $scrip->id . ": $msg") unless $ok;
        } else {
            my $cond = $guard_condition_for->($stock);
            my $guarded = $GUARD_CODE;
            my $stock_name = $stock->Name;
            $stock_name =~ s/"/'/g;
            $guarded =~ s/__ID__/$stock->id/ge;
            $guarded =~ s/__NAME__/$stock_name/g;
            my ($ok, $msg) = $scrip->SetCustomIsApplicableCode($guarded);
            $fail->("scrip " . $scrip->id . ": $msg") unless $ok;
            ($ok, $msg) = $scrip->SetScripCondition($cond->id);
            $fail->("scrip " . $scrip->id . ": $msg") unless $ok;
        }
        $say->("scrip " . $scrip->id . " '" . $scrip->Description . "' now skips the Social queue");
    }
};

# A global scrip of our own with User Defined code, created once (found by its description).
my $ensure_code_scrip = sub {
    my (%scrip) = @_;
    my $existing = RT::Scrips->new(RT->SystemUser);
    $existing->Limit(FIELD => 'Description', VALUE => $scrip{name});
    $existing->FindAllRows;
    if ($existing->Count) {
        $say->("scrip '$scrip{name}' exists");
        return 0;
    }
    my $cond = RT::ScripCondition->new(RT->SystemUser);
    $cond->Load("$scrip{name}: $scrip{condition}");
    unless ($cond->id) {
        my ($id, $msg) = $cond->Create(
            Name                 => "$scrip{name}: $scrip{condition}",
            Description          => $scrip{condition_description},
            ExecModule           => 'UserDefined',
            ApplicableTransTypes => $scrip{transaction_types},
        );
        $fail->("could not create the condition of '$scrip{name}': $msg") unless $id;
    }
    my $action = RT::ScripAction->new(RT->SystemUser);
    $action->Load("$scrip{name}: $scrip{action}");
    unless ($action->id) {
        my ($id, $msg) = $action->Create(
            Name        => "$scrip{name}: $scrip{action}",
            Description => $scrip{action_description},
            ExecModule  => 'UserDefined',
        );
        $fail->("could not create the action of '$scrip{name}': $msg") unless $id;
    }
    my $created = RT::Scrip->new(RT->SystemUser);
    my ($id, $msg) = $created->Create(
        Description            => $scrip{name},
        Queue                  => 0,
        ScripCondition         => $cond->id,
        ScripAction            => $action->id,
        Template               => 'Blank',
        Stage                  => 'TransactionCreate',
        CustomIsApplicableCode => $scrip{condition_code},
        CustomPrepareCode      => 'return 1;',
        CustomCommitCode       => $scrip{commit_code},
    );
    $fail->("could not create the scrip '$scrip{name}': $msg") unless $id;
    return $id;
};

my $ensure_doorbell = sub {
    my $id = $ensure_code_scrip->(
        name                  => $DOORBELL,
        condition             => 'On Correspond or Comment',
        condition_description => 'Correspond or Comment in the Social queue, not by the socialdesk user',
        transaction_types     => 'Correspond,Comment',
        condition_code        => $DOORBELL_CONDITION_CODE,
        action                => 'POST ticket and transaction id',
        action_description    => 'POSTs {"ticket_id":N,"txn_id":M} to $SocialdeskDoorbellURL',
        commit_code           => $DOORBELL_COMMIT_CODE,
    );
    $say->("created scrip '$DOORBELL' (id $id); it rings only when \$SocialdeskDoorbellURL is set") if $id;
};

my $ensure_post_time = sub {
    my $id = $ensure_code_scrip->(
        name                  => $POST_TIME,
        condition             => 'On Create by the connector',
        condition_description => 'A ticket the socialdesk user creates with SocialPostedAt set',
        transaction_types     => 'Create',
        condition_code        => $POST_TIME_CONDITION_CODE,
        action                => 'Created from SocialPostedAt',
        action_description    => "Sets the ticket's Created date to the customer's posting time",
        commit_code           => $POST_TIME_COMMIT_CODE,
    );
    $say->("created scrip '$POST_TIME' (id $id)") if $id;
};

@Final = (sub {
    my $user = $ensure_service_user->();
    $ensure_rights->($user);
    $keep_mail_scrips_off_social->();
    $ensure_doorbell->();
    $ensure_post_time->();
    $say->('done');    # install.sh looks for this: rt-setup-database exits 0 even when a step dies
});

1;
