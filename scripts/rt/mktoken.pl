#!/usr/bin/perl
# Creates (or checks) the REST2 auth token of an RT user, with RT's own libraries.
#
#   mktoken.pl [--keep-others] [USER]     create a token, print it on stdout
#   mktoken.pl --check FILE [USER]        exit 0 if the token in FILE is USER's and is
#                                         hashed at the current $BcryptCost, else 1
# USER defaults to socialdesk. Run it as a user who can read RT's configuration.
#
# Why a script: REST2 has no endpoint for tokens (docs/rt-rest2-notes.md, section 9).
# RT bcrypts the token on every request at the cost stored in its hash, so create it
# while $BcryptCost is low (4: ~20 ms a request instead of ~230 ms at the default 12).
# RT checks a user's tokens one by one, so by default the user's older tokens go.
use strict;
use warnings;
use lib '/usr/local/share/request-tracker5/lib', '/usr/share/request-tracker5/lib';
use Getopt::Long;

my ($check_file, $keep_others);
GetOptions('check=s' => \$check_file, 'keep-others' => \$keep_others)
    or die "usage: $0 [--keep-others] [--check FILE] [USER]\n";
my $name = shift // 'socialdesk';

use RT;
RT::LoadConfig();
RT::Init();

my $user = RT::User->new(RT->SystemUser);
$user->Load($name);
die "mktoken: no RT user '$name' (apply rt/initialdata/socialdesk.pl first)\n" unless $user->id;
my $cost = RT->Config->Get('BcryptCost');

exit(check_token($check_file) ? 0 : 1) if defined $check_file;

my @old_tokens = @{ user_tokens()->ItemsArrayRef };    # read before creating the new one
my $token = RT::AuthToken->new(RT->SystemUser);
my ($id, $msg, $authstring) = $token->Create(
    Owner       => $user->id,
    Description => 'Socialdesk connector (scripts/rt/mktoken.pl)',
);
die "mktoken: $msg\n" unless $id;
unless ($keep_others) {
    for my $old (@old_tokens) {
        my ($ok, $err) = $old->Delete;
        print STDERR "mktoken: could not delete old token " . $old->id . ": $err\n" unless $ok;
        print STDERR "mktoken: deleted old token " . $old->id . " of $name\n" if $ok;
    }
}
print STDERR "mktoken: created token $id for $name, hashed at bcrypt cost $cost\n";
print STDERR "mktoken: warning: \$BcryptCost is $cost; every request with this token pays for it\n"
    if $cost > 4;
print "$authstring\n";
exit 0;

sub user_tokens {
    my $tokens = RT::AuthTokens->new(RT->SystemUser);
    $tokens->LimitOwner(VALUE => $user->id);
    return $tokens;
}

sub check_token {
    my ($file) = @_;
    open my $fh, '<', $file or return 0;
    my $authstring = <$fh> // '';
    chomp $authstring;
    my ($uid, $secret) = RT::AuthToken->ParseAuthString($authstring);
    return 0 unless $uid && $uid == $user->id;
    my $tokens = user_tokens();
    while (my $token = $tokens->Next) {
        my (undef, $method, $hash_cost) = split /!/, $token->__Value('Token');
        next unless $method eq 'bcrypt' && $hash_cost == $cost;
        return 1 if $token->IsToken($secret);
    }
    return 0;
}
