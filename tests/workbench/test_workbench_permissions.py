

def test_the_office_switches_the_rule_on_its_page_and_others_cannot(client, wf_people, unit_tree):
    from gongkai.review.services import two_person_rule_applies

    client.force_login(wf_people["reviewer_a"])
    assert client.post("/workbench/office/policy/", {"two_person_rule": "off",
                                                     "reason": "x"}).status_code == 403
    assert two_person_rule_applies(unit_tree["district"]) is True
    client.force_login(wf_people["office"])
    client.post("/workbench/office/policy/", {"two_person_rule": "off", "reason": ""})
    assert two_person_rule_applies(unit_tree["district"]) is True  # a reason is required
    page = client.post("/workbench/office/policy/", {"two_person_rule": "off",
                                                     "reason": "人员不足"}, follow=True)
    assert "审核规则已更新" in page.content.decode() and "已关闭" in page.content.decode()
    assert two_person_rule_applies(unit_tree["district"]) is False
